"""scorm.validate.shared_data: findings on adlcp:data/adlcp:map."""
import pytest

from scorm.validate import FindingCode, Severity, validate_package
from scorm.validate.shared_data import is_valid_target_id
from tests.scorm.test_manifest import NS_12
from tests.scorm.test_manifest_shared_data import shared_data_package

INVALID = (FindingCode.SHARED_DATA_TARGET_INVALID, Severity.ERROR)
DUPLICATE = (FindingCode.SHARED_DATA_TARGET_DUPLICATE, Severity.WARNING)
IN_12 = (FindingCode.SHARED_DATA_IN_SCORM_12, Severity.WARNING)
SHARED_CODES = {INVALID[0], DUPLICATE[0], IN_12[0]}


def shared_findings(data: bytes):
    report = validate_package(data, ["a.html"], lambda name: b"")
    return [f for f in report.findings if f.code in SHARED_CODES]


@pytest.mark.parametrize("maps, expected", [
    ('<adlcp:map targetID="notes"/><adlcp:map targetID="urn:lms-bridge:hs" '
     'writeSharedData="false"/>', []),
    ("", []),
    ("<adlcp:map/>", [INVALID]),
    ('<adlcp:map targetID="  "/>', [INVALID]),
    ('<adlcp:map targetID="two words"/>', [INVALID]),
    ('<adlcp:map targetID="urn:"/>', [INVALID]),
    (f'<adlcp:map targetID="{"t" * 4001}"/>', [INVALID]),
    (f'<adlcp:map targetID="{"t" * 4000}"/>', []),
    ('<adlcp:map targetID="a"/><adlcp:map targetID=" a " readSharedData="false"/>', [DUPLICATE]),
    ('<adlcp:map/><adlcp:map/>', [INVALID, INVALID]),
])
def test_shared_data_findings_of_a_2004_package(maps, expected):
    assert [(f.code, f.severity) for f in shared_findings(shared_data_package(maps))] == expected


def test_maps_in_a_12_package_are_one_warning_per_item():
    data = shared_data_package('<adlcp:map targetID="a"/><adlcp:map/>', ns=NS_12, version="1.2")
    findings = shared_findings(data)
    assert [(f.code, f.severity) for f in findings] == [IN_12]
    assert findings[0].subject == "i1" and findings[0].location.line


def test_findings_name_the_item_and_the_map_line():
    data = shared_data_package('\n<adlcp:map targetID="bad id"/>')
    finding, = shared_findings(data)
    assert finding.subject == "i1"
    assert "'bad id'" in finding.message
    assert finding.location.line == data.decode().count("\n", 0, data.decode().index("bad id")) + 1


def test_an_invalid_target_makes_the_package_not_importable():
    report = validate_package(shared_data_package("<adlcp:map/>"), ["a.html"], lambda n: b"")
    assert not report.is_importable


@pytest.mark.parametrize("target, expected", [
    ("notes", True), ("urn:x:y", True), ("", False), ("a b", False), ("a%zz", False),
])
def test_is_valid_target_id(target, expected):
    assert is_valid_target_id(target) is expected
