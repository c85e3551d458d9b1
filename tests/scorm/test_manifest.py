"""scorm.manifest: versions, the item/resource model, organizations and launch URLs."""
import pytest

from scorm.manifest import (
    ReferenceKind,
    ScormType,
    ScormVersion,
    TimeLimitAction,
    append_parameters,
    launchable_items,
    parse_manifest,
    resolve_reference,
    select_organization,
)
from scorm.manifest.notes import NoteKind, SourceRef

NS_12 = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
         'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"')
NS_2004 = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
           'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
           'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
           'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" '
           'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')


def manifest(body: str, *, ns: str = NS_2004, version: str | None = "2004 4th Edition",
             attrs: str = "") -> bytes:
    metadata = (f"<metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion>"
                "</metadata>" if version is not None else "")
    return f'<manifest identifier="m1" {ns} {attrs}>{metadata}{body}</manifest>'.encode()


ONE_SCO = ('<organizations default="o1"><organization identifier="o1"><title>Course</title>'
           '<item identifier="i1" identifierref="r1"><title>One</title></item>'
           '</organization></organizations>'
           '<resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" '
           'href="index.html"><file href="index.html"/></resource></resources>')


@pytest.mark.parametrize("text, expected", [
    ("1.2", ScormVersion.SCORM_12),
    ("CAM 1.3", ScormVersion.SCORM_2004_2ND),
    ("2004 2nd Edition", ScormVersion.SCORM_2004_2ND),
    ("2004 3rd Edition", ScormVersion.SCORM_2004_3RD),
    (" 2004  4th   edition ", ScormVersion.SCORM_2004_4TH),
])
def test_version_comes_from_schemaversion(text, expected):
    parsed = parse_manifest(manifest(ONE_SCO, version=text))
    assert parsed.version is expected
    assert not parsed.version_inferred
    assert not [n for n in parsed.notes if n.kind is NoteKind.VERSION_INFERRED]


@pytest.mark.parametrize("ns, body, expected", [
    (NS_12, ONE_SCO.replace("scormType", "scormtype"), ScormVersion.SCORM_12),
    (NS_2004, ONE_SCO, ScormVersion.SCORM_2004_3RD),
    (NS_2004, ONE_SCO.replace("<organizations", "<imsss:sequencingCollection>"
                              "<imsss:sequencing ID='s'><adlseq:objectives/></imsss:sequencing>"
                              "</imsss:sequencingCollection><organizations"),
     ScormVersion.SCORM_2004_4TH),
])
def test_missing_schemaversion_is_inferred_with_a_note(ns, body, expected):
    parsed = parse_manifest(manifest(body, ns=ns, version=None))
    assert parsed.version is expected
    assert parsed.version_inferred
    assert [n.kind for n in parsed.notes][:1] == [NoteKind.VERSION_INFERRED]


def test_scorm_12_item_fields():
    body = ('<organizations default="o1"><organization identifier="o1"><title>C</title>'
            '<item identifier="i1" identifierref="r1" isvisible="false" parameters="?a=1">'
            '<title>One</title><adlcp:masteryscore>80</adlcp:masteryscore>'
            '<adlcp:prerequisites type="aicc_script">i0 &amp; i2</adlcp:prerequisites>'
            '<adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>'
            '<adlcp:timelimitaction>exit,message</adlcp:timelimitaction>'
            '<adlcp:datafromlms> launch data </adlcp:datafromlms></item>'
            '</organization></organizations><resources><resource identifier="r1" '
            'type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>')
    item = parse_manifest(manifest(body, ns=NS_12, version="1.2")).organizations[0].items[0]
    assert (item.mastery_score, item.prerequisites, item.prerequisites_type) == (
        80.0, "i0 & i2", "aicc_script")
    assert item.max_time_allowed == "00:30:00"
    assert item.time_limit_action is TimeLimitAction.EXIT_MESSAGE
    assert item.data_from_lms == "launch data"
    assert item.is_visible is False
    assert item.parameters == "?a=1"


def test_scorm_2004_item_fields():
    body = ONE_SCO.replace(
        "<title>One</title>",
        "<title>One</title><adlcp:dataFromLMS>x=1</adlcp:dataFromLMS>"
        "<adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>"
        '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.6" '
        'progressWeight="2"/><adlnav:presentation><adlnav:navigationInterface>'
        "<adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>previous"
        "</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>")
    parsed = parse_manifest(manifest(body))
    item = parsed.organizations[0].items[0]
    assert item.data_from_lms == "x=1"
    assert item.time_limit_action is TimeLimitAction.CONTINUE_NO_MESSAGE
    threshold = item.completion_threshold
    assert (threshold.completed_by_measure, threshold.min_progress_measure,
            threshold.progress_weight) == (True, 0.6, 2.0)
    assert item.presentation.hide_lms_ui == ("continue", "previous")
    assert parsed.notes == ()


def test_third_edition_completion_threshold_is_the_text_value():
    body = ONE_SCO.replace("<title>One</title>", "<title>One</title>"
                           "<adlcp:completionThreshold>0.75</adlcp:completionThreshold>")
    item = parse_manifest(manifest(body, version="2004 3rd Edition")).organizations[0].items[0]
    assert item.completion_threshold.min_progress_measure == 0.75
    assert item.completion_threshold.completed_by_measure is True


@pytest.mark.parametrize("version, element, kept", [
    ("2004 4th Edition", "<adlcp:masteryscore>80</adlcp:masteryscore>", False),
    ("1.2", "<adlcp:dataFromLMS>d</adlcp:dataFromLMS>", True),
])
def test_elements_of_the_other_version_are_noted(version, element, kept):
    ns = NS_12 if version == "1.2" else NS_2004
    body = ONE_SCO.replace("<title>One</title>", "<title>One</title>" + element)
    parsed = parse_manifest(manifest(body, ns=ns, version=version))
    kinds = [note.kind for note in parsed.notes]
    assert NoteKind.ELEMENT_VERSION_MISMATCH in kinds
    item = parsed.organizations[0].items[0]
    assert (item.mastery_score is not None or item.data_from_lms is not None) is kept


def test_metadata_inline_lom_and_location():
    lom = ('<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general>'
           '<title><string language="en">HS codes</string></title>'
           '<language>en</language>'
           '<description><string>Classify goods</string></description>'
           '<keyword><string>customs</string></keyword><keyword><string>HS</string></keyword>'
           '</general></lom>')
    data = manifest(ONE_SCO).replace(
        b"</schemaversion>", b"</schemaversion><adlcp:location>meta.xml</adlcp:location>"
        + lom.encode())
    metadata = parse_manifest(data).metadata
    assert (metadata.title, metadata.description, metadata.language) == (
        "HS codes", "Classify goods", "en")
    assert metadata.keywords == ("customs", "HS")
    assert metadata.location == "meta.xml"


def test_identifiers_are_compared_trimmed():
    body = ONE_SCO.replace('identifier="r1"', 'identifier="   r1  "').replace(
        'default="o1"', 'default=" o1 "')
    parsed = parse_manifest(manifest(body))
    assert parsed.resource(" r1") is parsed.resources[0]
    assert select_organization(parsed).identifier == "o1"
    assert [li.resource.identifier for li in launchable_items(parsed)] == ["r1"]


def test_title_text_is_kept_as_written():
    body = ONE_SCO.replace("<title>One</title>",
                           "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title>")
    item = parse_manifest(manifest(body)).organizations[0].items[0]
    assert item.title == "<script>alert(1)</script> & more"


TWO_ORGS = ('<organizations default="{default}">'
            '<organization identifier="a"><title>A</title>'
            '<item identifier="ia" identifierref="r1"><title>A1</title></item></organization>'
            '<organization identifier="b"><title>B</title>'
            '<item identifier="ib" identifierref="r1"><title>B1</title></item></organization>'
            '</organizations><resources><resource identifier="r1" type="webcontent" '
            'adlcp:scormType="sco" href="x.html"/></resources>')


@pytest.mark.parametrize("default, chosen", [("b", "b"), ("nope", "a"), ("", "a")])
def test_select_organization_falls_back_to_the_first(default, chosen):
    parsed = parse_manifest(manifest(TWO_ORGS.format(default=default)))
    assert select_organization(parsed).identifier == chosen


def test_no_organization_selects_none():
    parsed = parse_manifest(manifest('<organizations/><resources/>'))
    assert select_organization(parsed) is None
    assert launchable_items(parsed) == ()


NESTED = ('<organizations><organization identifier="o"><title>O</title>'
          '<item identifier="parent" identifierref="r1"><title>P</title>'
          '<item identifier="child1" identifierref="r2" parameters="#p2"><title>C1</title></item>'
          '<item identifier="child2" identifierref="r1" parameters="?x=1"><title>C2</title></item>'
          '</item><item identifier="folder"><title>F</title></item>'
          '<item identifier="last" identifierref="r2"><title>L</title></item>'
          '</organization></organizations>'
          '<resources xml:base="content/">'
          '<resource identifier="r1" type="webcontent" {st}="sco" href="sco.html?v=2" '
          'xml:base="unit1/"/>'
          '<resource identifier="r2" type="webcontent" {st}="asset" href="page.html"/>'
          '</resources>')


def test_launchable_items_2004_are_leaves_in_order_with_bases_and_parameters():
    parsed = parse_manifest(manifest(NESTED.format(st="adlcp:scormType"),
                                     attrs='xml:base="pkg/"'))
    found = [(li.item.identifier, li.launch_url, li.scorm_type) for li in
             launchable_items(parsed)]
    assert found == [
        ("child1", "pkg/content/page.html#p2", ScormType.ASSET),
        ("child2", "pkg/content/unit1/sco.html?v=2&x=1", ScormType.SCO),
        ("last", "pkg/content/page.html", ScormType.ASSET),
    ]


def test_launchable_items_12_include_parents():
    parsed = parse_manifest(manifest(NESTED.format(st="adlcp:scormtype"), ns=NS_12,
                                     version="1.2"))
    assert [li.item.identifier for li in launchable_items(parsed)] == [
        "parent", "child1", "child2", "last"]
    assert launchable_items(parsed)[0].is_sco


@pytest.mark.parametrize("url, parameters, expected", [
    ("a.html", "?x=1", "a.html?x=1"),
    ("a.html", "x=1", "a.html?x=1"),
    ("a.html", "&x=1", "a.html?x=1"),
    ("a.html?y=2", "?x=1", "a.html?y=2&x=1"),
    ("a.html?y=2", "&&x=1", "a.html?y=2&x=1"),
    ("a.html", "#top", "a.html#top"),
    ("a.html#here", "#top", "a.html#here"),
    ("a.html#here", "x=1", "a.html?x=1#here"),
    ("a.html", None, "a.html"),
    ("a.html", " ? ", "a.html"),
])
def test_parameters_follow_the_cam_rules(url, parameters, expected):
    assert append_parameters(url, parameters) == expected


@pytest.mark.parametrize("levels, kind, path", [
    (("a/", "b/", "c.html"), ReferenceKind.LOCAL, "a/b/c.html"),
    (("a/b/", "../c.html"), ReferenceKind.LOCAL, "a/c.html"),
    (("a/", "./my%20page.html?q=1"), ReferenceKind.LOCAL, "a/my page.html"),
    (("a\\", "b.html"), ReferenceKind.LOCAL, "a/b.html"),
    (("a/", "../../etc/passwd"), ReferenceKind.OUTSIDE, None),
    (("a/", "%2e%2e/%2e%2e/x"), ReferenceKind.OUTSIDE, None),
    (("/etc/passwd",), ReferenceKind.OUTSIDE, None),
    (("http://cdn.example/", "x.html"), ReferenceKind.REMOTE, None),
    (("//cdn.example/x.html",), ReferenceKind.REMOTE, None),
    (("JavaScript:alert(1)",), ReferenceKind.SCRIPT, None),
    (("data:text/html,<b>x</b>",), ReferenceKind.DATA, None),
    (("file:///etc/passwd",), ReferenceKind.OTHER_SCHEME, None),
])
def test_resolve_reference(levels, kind, path):
    reference = resolve_reference(*levels)
    assert reference.kind is kind
    assert reference.path == path


def test_file_paths_compose_every_xml_base_level():
    body = ('<organizations/><resources xml:base="r/"><resource identifier="x" '
            'type="webcontent" adlcp:scormType="asset" xml:base="s/">'
            '<file href="f.js"/><file href="../../../up.js"/><file href="../../../../up.js"/>'
            '</resource></resources>')
    files = parse_manifest(manifest(body, attrs='xml:base="m/"')).resources[0].files
    assert [f.path for f in files] == ["m/r/s/f.js", "up.js", None]


def test_element_paths_are_worked_out_only_when_asked_for():
    calls = []

    def resolve():
        calls.append(1)
        return "/manifest/organizations"

    lazy = SourceRef(7, resolve_path=resolve)
    assert calls == [] and lazy.line == 7
    assert lazy == SourceRef(7, "/manifest/organizations") and calls == [1]
    assert lazy.path == "/manifest/organizations" and calls == [1]
    assert hash(lazy) == hash(SourceRef(7, "/manifest/organizations"))
    with pytest.raises(TypeError):
        SourceRef(7)


def test_a_read_source_gives_the_same_path_as_before():
    manifest = parse_manifest(b'<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/'
                              b'imscp_rootv1p1p2"><organizations><organization identifier="o">'
                              b'<item identifier="i"><title>T</title></item></organization>'
                              b'</organizations><resources/></manifest>')
    item = manifest.organizations[0].items[0]
    assert item.source == SourceRef(1, "/manifest[@identifier='m']/organizations"
                                       "/organization[@identifier='o']/item[@identifier='i']")
