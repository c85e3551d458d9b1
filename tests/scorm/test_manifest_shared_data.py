"""scorm.manifest: ``adlcp:data/adlcp:map`` on items and ``sharedDataGlobalToSystem``."""
import pytest

from scorm.manifest import SharedDataMap, parse_manifest, select_organization
from scorm.manifest.notes import NoteKind
from tests.scorm.test_manifest import NS_12, NS_2004, manifest


def shared_data_package(maps: str, *, org_attrs: str = "", ns: str = NS_2004,
                        version: str = "2004 4th Edition") -> bytes:
    body = (f'<organizations default="o1"><organization identifier="o1" {org_attrs}>'
            '<title>C</title><item identifier="i1" identifierref="r1"><title>One</title>'
            f'<adlcp:data>{maps}</adlcp:data></item></organization></organizations>'
            '<resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" '
            'href="a.html"/></resources>')
    return manifest(body, ns=ns, version=version)


def maps_of(data: bytes) -> tuple[SharedDataMap, ...]:
    return select_organization(parse_manifest(data)).items[0].shared_data


@pytest.mark.parametrize("maps, expected", [
    ('<adlcp:map targetID="notes"/>', [("notes", True, True)]),
    ('<adlcp:map targetID=" notes " readSharedData="false"/>', [("notes", False, True)]),
    ('<adlcp:map targetID="a" writeSharedData="false"/><adlcp:map targetID="b" '
     'readSharedData="0" writeSharedData="1"/>', [("a", True, False), ("b", False, True)]),
    ('<adlcp:map targetID="a"/><adlcp:map targetID="a"/>', [("a", True, True)] * 2),
    ("", []),
])
def test_maps_are_read_in_document_order_with_defaults(maps, expected):
    found = maps_of(shared_data_package(maps))
    assert [(m.target_id, m.readable, m.writable) for m in found] == expected
    assert all(m.source is not None and m.source.line for m in found)


def test_item_without_data_has_no_maps():
    assert maps_of(shared_data_package("").replace(b"<adlcp:data></adlcp:data>", b"")) == ()


def test_invalid_boolean_keeps_the_default_and_notes_it():
    parsed = parse_manifest(shared_data_package('<adlcp:map targetID="a" readSharedData="no"/>'))
    assert [(m.readable, m.writable) for m in select_organization(parsed).items[0].shared_data] \
        == [(True, True)]
    assert [n.kind for n in parsed.notes] == [NoteKind.VALUE_INVALID]


def test_missing_target_id_is_kept_empty_for_the_validator():
    assert [m.target_id for m in maps_of(shared_data_package("<adlcp:map/>"))] == [""]


def test_maps_in_a_12_package_are_read_for_the_validator():
    data = shared_data_package('<adlcp:map targetID="a"/>', ns=NS_12, version="1.2")
    assert [m.target_id for m in maps_of(data)] == ["a"]


def test_maps_in_another_namespace_are_ignored():
    data = shared_data_package('<x:map xmlns:x="urn:other" targetID="a"/>')
    assert maps_of(data) == ()


@pytest.mark.parametrize("org_attrs, expected", [
    ("", True),
    ('adlcp:sharedDataGlobalToSystem="false"', False),
    ('adlcp:sharedDataGlobalToSystem="true"', True),
])
def test_shared_data_global_to_system(org_attrs, expected):
    parsed = parse_manifest(shared_data_package('<adlcp:map targetID="a"/>', org_attrs=org_attrs))
    assert select_organization(parsed).shared_data_global_to_system is expected
