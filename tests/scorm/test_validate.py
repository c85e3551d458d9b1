"""scorm.validate: one test row per finding code, XSD validation, the report and its dict."""
import json

import pytest

from scorm.manifest.notes import NoteKind, ParseNote, SourceRef
from scorm.validate import FindingCode, Severity, report_to_dict, validate_package
from scorm.validate.from_notes import findings_from_notes

NS_2004 = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
           'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
           'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')
NS_12 = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
         'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"')
ITEM = '<item identifier="i1" identifierref="r1"><title>One</title></item>'
RESOURCE = ('<resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html">'
            '<file href="a.html"/></resource>')


def package(*, items: str = ITEM, resources: str = RESOURCE, org_attrs: str = "",
            default: str = "o1", metadata: str | None = None, ns: str = NS_2004,
            version: str = "2004 4th Edition", extra: str = "") -> bytes:
    if metadata is None:
        metadata = (f"<metadata><schema>ADL SCORM</schema><schemaversion>{version}"
                    "</schemaversion></metadata>")
    return (f'<manifest identifier="m" {ns}>{metadata}<organizations default="{default}">'
            f'<organization identifier="o1" {org_attrs}><title>Course</title>{items}'
            f"</organization></organizations><resources>{resources}</resources>{extra}"
            "</manifest>").encode()


def codes(data: bytes, files=("a.html",), **kwargs) -> list[tuple[FindingCode, Severity]]:
    report = validate_package(data, list(files), lambda name: b"", **kwargs)
    return [(f.code, f.severity) for f in report.findings]


E, W = Severity.ERROR, Severity.WARNING
SEQ_RULE = ('<imsss:sequencing{idref}><imsss:sequencingRules><imsss:preConditionRule>'
            '<imsss:ruleConditions><imsss:ruleCondition condition="satisfied" '
            'referencedObjective="nope"/></imsss:ruleConditions><imsss:ruleAction '
            'action="skip"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>')


@pytest.mark.parametrize("data, files, expected", [
    pytest.param(package(), ["a.html"], [], id="clean"),
    pytest.param(package(metadata=""), ["a.html"],
                 [(FindingCode.VERSION_INFERRED, W)], id="version-inferred"),
    pytest.param(package(ns=NS_2004.replace("adlcp_v1p3", "adlcp_v1p2")), ["a.html"],
                 [(FindingCode.NAMESPACE_NONSTANDARD, W)], id="namespace-nonstandard"),
    pytest.param(package(resources=RESOURCE.replace("scormType", "scormtype")), ["a.html"],
                 [(FindingCode.ELEMENT_VERSION_MISMATCH, W)], id="12-spelling-in-2004"),
    pytest.param(package(items=ITEM.replace('r1"', 'r1" isvisible="sometimes"')), ["a.html"],
                 [(FindingCode.VALUE_INVALID, W)], id="value-invalid"),
    pytest.param(package(items=ITEM.replace("</item>", '<imsss:sequencing><imsss:controlMode '
                                            'flow="yes"/></imsss:sequencing></item>')),
                 ["a.html"], [(FindingCode.SEQUENCING_VALUE_INVALID, E)],
                 id="sequencing-value-invalid"),
    pytest.param(package(items=ITEM.replace(' identifier="i1"', "")), ["a.html"],
                 [(FindingCode.IDENTIFIER_MISSING, E)], id="identifier-missing"),
    pytest.param(package(items=ITEM + ITEM), ["a.html"],
                 [(FindingCode.IDENTIFIER_DUPLICATE, E)], id="identifier-duplicate"),
    pytest.param(package(items=ITEM.replace("<title>One</title>", "")), ["a.html"],
                 [(FindingCode.TITLE_MISSING, W)], id="title-missing"),
    pytest.param(package(resources=RESOURCE.replace(' adlcp:scormType="sco"', "")), ["a.html"],
                 [(FindingCode.RESOURCE_SCORMTYPE_MISSING, W)], id="scormtype-missing"),
    pytest.param(package(default="other"), ["a.html"],
                 [(FindingCode.ORGANIZATION_DEFAULT_INVALID, W)], id="default-invalid"),
    pytest.param(package(items='<item identifier="i1"><title>x</title></item>'), ["a.html"],
                 [(FindingCode.NO_LAUNCHABLE_ITEM, E)], id="no-launchable-item"),
    pytest.param(package(items=ITEM.replace('"r1"', '"r9"')), ["a.html"],
                 [(FindingCode.NO_LAUNCHABLE_ITEM, E), (FindingCode.ITEM_RESOURCE_MISSING, E)],
                 id="item-resource-missing"),
    pytest.param(package(items=ITEM.replace("</item>", ITEM.replace("i1", "i2") + "</item>")),
                 ["a.html"], [(FindingCode.ITEM_CLUSTER_HAS_RESOURCE, W)],
                 id="cluster-has-resource"),
    pytest.param(package(resources=RESOURCE.replace("</resource>", '<dependency '
                                                    'identifierref="gone"/></resource>')),
                 ["a.html"], [(FindingCode.DEPENDENCY_RESOURCE_MISSING, W)],
                 id="dependency-missing"),
    pytest.param(package(resources=RESOURCE.replace(' href="a.html"', "", 1)), ["a.html"],
                 [(FindingCode.NO_LAUNCHABLE_ITEM, E), (FindingCode.LAUNCH_HREF_MISSING, E)],
                 id="launch-href-missing"),
    pytest.param(package(), [], [(FindingCode.LAUNCH_FILE_MISSING, E)],
                 id="launch-file-missing"),
    pytest.param(package(), ["A.HTML"], [(FindingCode.FILE_NAME_CASE_MISMATCH, W)],
                 id="case-mismatch"),
    pytest.param(package(resources=RESOURCE.replace("</resource>", '<file href="b.js"/>'
                                                    "</resource>")),
                 ["a.html"], [(FindingCode.DECLARED_FILE_MISSING, W)], id="declared-missing"),
    pytest.param(package(resources=RESOURCE.replace("</resource>", '<file href="../x.js"/>'
                                                    "</resource>")),
                 ["a.html"], [(FindingCode.DECLARED_FILE_OUTSIDE_PACKAGE, E)],
                 id="declared-outside"),
    pytest.param(package(metadata="<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th "
                         "Edition</schemaversion><adlcp:location>lom.xml</adlcp:location>"
                         "</metadata>"), ["a.html"],
                 [(FindingCode.METADATA_FILE_MISSING, W)], id="metadata-missing"),
    pytest.param(package(items=ITEM.replace("</item>", SEQ_RULE.format(idref="") + "</item>")),
                 ["a.html"], [(FindingCode.SEQUENCING_OBJECTIVE_REF_MISSING, W)],
                 id="objective-ref-missing"),
    pytest.param(package(items=ITEM.replace("</item>", SEQ_RULE.format(idref=' IDRef="s"')
                                            + "</item>")),
                 ["a.html"], [(FindingCode.SEQUENCING_COLLECTION_REF_MISSING, E),
                              (FindingCode.SEQUENCING_OBJECTIVE_REF_MISSING, W)],
                 id="collection-ref-missing"),
    pytest.param(package(ns=NS_12, version="1.2",
                         resources=RESOURCE.replace("scormType", "scormtype"),
                         items=ITEM.replace("</item>", "<adlcp:masteryscore>120"
                                            "</adlcp:masteryscore></item>")),
                 ["a.html"], [(FindingCode.VALUE_INVALID, W)], id="12-masteryscore-range"),
    pytest.param(b"<manifest", [], [(FindingCode.XML_NOT_WELL_FORMED, E)], id="not-xml"),
    pytest.param(b"<course/>", [], [(FindingCode.MANIFEST_ROOT_INVALID, E)], id="not-manifest"),
    pytest.param(b'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"/>', [],
                 [(FindingCode.VERSION_INFERRED, W), (FindingCode.ORGANIZATION_MISSING, E)],
                 id="organization-missing"),
])
def test_finding_codes(data, files, expected):
    assert codes(data, files) == expected


def test_is_importable_means_no_error():
    assert validate_package(package(default="x"), ["a.html"], bytes).is_importable
    assert not validate_package(package(), [], bytes).is_importable


def test_findings_carry_file_line_and_element_path():
    report = validate_package(package(items=ITEM.replace('"r1"', '"r9"')), ["a.html"], bytes)
    finding = next(f for f in report.findings if f.code is FindingCode.ITEM_RESOURCE_MISSING)
    assert finding.location.file == "imsmanifest.xml"
    assert finding.location.line == 1
    assert finding.location.element_path.endswith("organization[@identifier='o1']"
                                                  "/item[@identifier='i1']")
    assert "'r9'" in finding.message and finding.hint


CP_XSD = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    targetNamespace="http://www.imsglobal.org/xsd/imscp_v1p1" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"
      schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:include schemaLocation="parts/any.xsd"/>
  <xs:element name="manifest">
    <xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0"
        maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="identifier" type="xs:ID" use="required"/>
      <xs:attribute ref="xml:base"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="organizations"><xs:complexType><xs:sequence>
    <xs:element ref="organization" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="default" type="xs:IDREF"/></xs:complexType></xs:element>
</xs:schema>"""
PARTS_XSD = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="organization"><xs:complexType><xs:sequence>
    <xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="identifier" type="xs:ID" use="required"/>
    <xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
</xs:schema>"""
SCHEMA_LOCATION = ('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
                   '"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd"')


def xsd_report(data: bytes, xsds: dict[str, bytes]):
    files = {"a.html": b"", **xsds}
    return validate_package(data, list(files), files.__getitem__)


def test_a_manifest_matching_the_carried_xsd_has_no_finding():
    data = package(ns=NS_2004 + " " + SCHEMA_LOCATION)
    report = xsd_report(data, {"imscp_v1p1.xsd": CP_XSD, "parts/any.xsd": PARTS_XSD})
    assert report.findings == ()


def test_a_manifest_breaking_the_carried_xsd_gets_warnings_with_lines():
    data = package(ns=NS_2004 + " " + SCHEMA_LOCATION).replace(
        b'<organizations default="o1">', b'<organizations default="o1" bogus="1">')
    report = xsd_report(data, {"imscp_v1p1.xsd": CP_XSD, "parts/any.xsd": PARTS_XSD})
    assert [(f.code, f.severity) for f in report.findings] == [
        (FindingCode.XSD_INVALID, Severity.WARNING)]
    assert "bogus" in report.findings[0].message and report.findings[0].location.line == 1
    assert report.is_importable


@pytest.mark.parametrize("xsds", [
    {"imscp_v1p1.xsd": CP_XSD},
    {"imscp_v1p1.xsd": CP_XSD.replace(b"parts/any.xsd", b"../../../etc/passwd")},
    {"imscp_v1p1.xsd": CP_XSD.replace(b'maxOccurs="unbounded"/></xs:sequence>\n      <xs:attr',
                                      b'maxOccurs="99999999"/></xs:sequence>\n      <xs:attr'),
     "parts/any.xsd": PARTS_XSD},
    {"imscp_v1p1.xsd": b"<not-a-schema/>"},
], ids=["include-missing", "include-escapes", "occurs-bomb", "not-a-schema"])
def test_unusable_carried_xsds_are_only_an_info(xsds):
    report = xsd_report(package(ns=NS_2004 + " " + SCHEMA_LOCATION), xsds)
    assert [(f.code, f.severity) for f in report.findings] == [
        (FindingCode.XSD_UNUSABLE, Severity.INFO)]
    assert report.is_importable


def test_report_to_dict_is_json_ready():
    report = validate_package(package(default="x", items=ITEM.replace(
        'identifierref="r1"', 'identifierref="r1" parameters="?p=1"')), ["a.html"], bytes)
    data = json.loads(json.dumps(report_to_dict(report)))
    assert data["importable"] is True
    assert data["version"] == "2004 4th Edition"
    assert data["organization"] == "o1"
    assert data["launchable_items"] == [{
        "identifier": "i1", "title": "One", "resource": "r1", "launch_url": "a.html?p=1",
        "scorm_type": "sco", "is_visible": True}]
    assert data["findings"][0]["code"] == "organization-default-invalid"
    assert data["findings"][0]["severity"] == "warning"
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0}


def test_report_to_dict_of_an_unreadable_manifest():
    data = report_to_dict(validate_package(b"<", [], bytes))
    assert data["importable"] is False and data["version"] is None
    assert data["launchable_items"] == [] and data["findings"][0]["code"] == "xml-not-well-formed"


@pytest.mark.parametrize("kind", list(NoteKind))
def test_every_parse_note_kind_becomes_a_finding(kind):
    note = ParseNote(kind, SourceRef(3, "/manifest"), "detail")
    [finding] = findings_from_notes((note,))
    assert finding.code.value == kind.value
    assert finding.location.line == 3 and finding.hint
