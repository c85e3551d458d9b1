"""Hostile manifests: entities, DTDs, size bombs and unsafe launch URLs."""
import pytest

from scorm.manifest import (
    ManifestForbiddenXmlError,
    ManifestStructureError,
    ManifestSyntaxError,
    ManifestTooLargeError,
    parse_manifest,
)
from scorm.validate import FindingCode, Severity, validate_package

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"')


def manifest_launching(href: str, title: str = "T") -> bytes:
    return (f'<manifest identifier="m" {NS}><metadata><schema>ADL SCORM</schema>'
            '<schemaversion>2004 4th Edition</schemaversion></metadata>'
            '<organizations default="o"><organization identifier="o"><title>O</title>'
            f'<item identifier="i" identifierref="r"><title>{title}</title></item>'
            '</organization></organizations><resources><resource identifier="r" '
            f'type="webcontent" adlcp:scormType="sco" href="{href}"/></resources>'
            '</manifest>').encode()


XXE = (b'<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<manifest identifier="m"><metadata><schema>&xxe;</schema></metadata></manifest>')
EXTERNAL_DTD = (b'<?xml version="1.0"?><!DOCTYPE manifest SYSTEM "http://attacker.invalid/x.dtd">'
                b'<manifest identifier="m"/>')
PARAMETER_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY % p SYSTEM '
                    b'"file:///etc/passwd"> %p;]><manifest identifier="m"/>')
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"".join([b"&lol%d;" % (n - 1) if n > 1
                                                           else b"&lol;"] * 10))
               for n in range(1, 10))
    + b']><manifest identifier="m"><metadata><schema>&lol9;</schema></metadata></manifest>')


XXE_UTF16 = XXE.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16")
XXE_AFTER_COMMENT = b"<!-- harmless -->\n" + XXE[XXE.index(b"<!DOCTYPE"):]


@pytest.mark.parametrize("data", [XXE, EXTERNAL_DTD, PARAMETER_ENTITY, BILLION_LAUGHS,
                                  XXE_UTF16, XXE_AFTER_COMMENT],
                         ids=["xxe", "external-dtd", "parameter-entity", "billion-laughs",
                              "xxe-utf16", "xxe-after-comment"])
def test_doctype_and_entities_are_refused(data):
    with pytest.raises(ManifestForbiddenXmlError) as caught:
        parse_manifest(data)
    assert "root:" not in str(caught.value)
    assert "lollol" not in str(caught.value)


@pytest.mark.parametrize("data", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_validate_reports_entities_as_a_forbidden_doctype(data):
    report = validate_package(data, [], lambda name: b"")
    assert [f.code for f in report.findings] == [FindingCode.XML_DOCTYPE_FORBIDDEN]
    assert report.manifest is None and not report.is_importable


def test_a_50_mb_manifest_is_refused_by_the_size_cap_before_parsing():
    huge = b'<manifest identifier="m">' + b" " * (50 * 1024 * 1024) + b"</manifest>"
    with pytest.raises(ManifestTooLargeError):
        parse_manifest(huge)
    report = validate_package(huge, ["imsmanifest.xml"], lambda name: huge)
    assert [(f.code, f.severity) for f in report.findings] == [
        (FindingCode.MANIFEST_TOO_LARGE, Severity.ERROR)]
    assert "52,428,8" in report.findings[0].message


def test_the_size_cap_is_configurable():
    data = manifest_launching("a.html")
    with pytest.raises(ManifestTooLargeError):
        parse_manifest(data, max_bytes=100)
    assert validate_package(data, ["a.html"], bytes, max_manifest_bytes=len(data)).is_importable


@pytest.mark.parametrize("data, error", [
    (b"<manifest><unclosed></manifest>", ManifestSyntaxError),
    (b'<?xml version="1.0"?>\n', ManifestSyntaxError),
    (b"<html><body/></html>", ManifestStructureError),
])
def test_not_a_manifest(data, error):
    with pytest.raises(error) as caught:
        parse_manifest(data)
    assert caught.value.line is not None


@pytest.mark.parametrize("href, code", [
    ("javascript:alert(document.cookie)", FindingCode.LAUNCH_SCRIPT_URL),
    (" JAVASCRIPT:alert(1)", FindingCode.LAUNCH_SCRIPT_URL),
    ("data:text/html;base64,PHNjcmlwdD4=", FindingCode.LAUNCH_DATA_URL),
    ("https://evil.example/steal.html", FindingCode.LAUNCH_REMOTE_URL),
    ("//evil.example/steal.html", FindingCode.LAUNCH_REMOTE_URL),
    ("../../../etc/passwd", FindingCode.LAUNCH_OUTSIDE_PACKAGE),
    ("content/../../secret.html", FindingCode.LAUNCH_OUTSIDE_PACKAGE),
    ("/etc/passwd", FindingCode.LAUNCH_OUTSIDE_PACKAGE),
    ("file:///etc/passwd", FindingCode.LAUNCH_UNSUPPORTED_SCHEME),
])
def test_unsafe_launch_urls_are_refused(href, code):
    report = validate_package(manifest_launching(href), ["a.html"], bytes)
    assert [(f.code, f.severity) for f in report.findings] == [(code, Severity.ERROR)]
    assert not report.is_importable


def test_remote_launch_is_only_a_warning_when_allowed():
    report = validate_package(manifest_launching("https://cdn.example/x.html"), [], bytes,
                              allow_remote_launch=True)
    assert [(f.code, f.severity) for f in report.findings] == [
        (FindingCode.LAUNCH_REMOTE_URL, Severity.WARNING)]
    assert report.is_importable


def test_script_in_a_title_is_kept_as_text_and_is_no_finding():
    title = "&lt;script&gt;alert(1)&lt;/script&gt;"
    report = validate_package(manifest_launching("a.html", title), ["a.html"], bytes)
    assert report.is_importable and report.findings == ()
    assert report.launchable[0].item.title == "<script>alert(1)</script>"


def test_absurdly_deep_nesting_is_refused_by_the_parser_not_by_a_crash():
    depth = 5000
    items = '<item identifier="i">' * depth + "</item>" * depth
    data = manifest_launching("a.html").replace(b"</organization>",
                                                items.encode() + b"</organization>")
    with pytest.raises(ManifestSyntaxError):
        parse_manifest(data)


def test_a_wide_manifest_is_read_in_full():
    count = 3000
    items = "".join(f'<item identifierref="r{n}"><title>t</title></item>' for n in range(count))
    resources = "".join(f'<resource identifier="r{n}" type="webcontent" adlcp:scormType="sco" '
                        f'href="p{n}.html"/>' for n in range(count))
    data = (f'<manifest identifier="m" {NS}><organizations><organization identifier="o">'
            f"<title>O</title>{items}</organization></organizations>"
            f"<resources>{resources}</resources></manifest>").encode()
    report = validate_package(data, [f"p{n}.html" for n in range(count)], bytes)
    assert len(report.launchable) == count
    assert {f.code for f in report.findings} == {FindingCode.VERSION_INFERRED,
                                                 FindingCode.IDENTIFIER_MISSING}


def test_entities_in_a_carried_xsd_never_read_outside_the_package():
    xsd = (b'<?xml version="1.0"?><!DOCTYPE xs:schema [<!ENTITY leak SYSTEM '
           b'"file:///etc/passwd">]><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
           b'targetNamespace="http://www.imsglobal.org/xsd/imscp_v1p1">'
           b"<xs:annotation><xs:documentation>&leak;</xs:documentation></xs:annotation>"
           b'<xs:include schemaLocation="/etc/passwd"/></xs:schema>')
    files = {"imscp_v1p1.xsd": xsd, "a.html": b""}
    asked: list[str] = []

    def read(name: str) -> bytes:
        asked.append(name)
        return files[name]

    data = manifest_launching("a.html").replace(
        b'<manifest identifier="m"',
        b'<manifest identifier="m" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        b'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd"')
    report = validate_package(data, list(files), read)
    assert set(asked) <= set(files)
    assert "root:" not in repr(report.findings)
    assert report.is_importable
