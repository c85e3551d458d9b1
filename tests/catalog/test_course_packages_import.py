"""Every module in packages/, built in both SCORM versions and every language, imports into the
catalog with no finding, publishes, and the player sees one SCO per lesson plus the assessment
(per-lesson build) or one SCO for the whole module (single-unit build), with the module's pass
mark as the mastery score of the SCO that holds a graded assessment."""
import pytest

from scorm.builder import build_package
from scorm.source import load_module_source
from tests.test_course_packages import BUILDS


@pytest.mark.parametrize("module, version, language", BUILDS,
                         ids=[f"{m.name}-{v}-{lang}" for m, v, lang in BUILDS])
def test_built_package_imports_publishes_and_lays_out(app, tmp_path, module, version, language):
    from lms_bridge.catalog.models import VersionState
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.player.package import package_layout

    edition = load_module_source(module).edition(language)
    built = build_package(module, version, language=language, output_dir=tmp_path,
                          units="per-lesson")
    with app.app_context():
        imported = import_package(built, f"{edition.slug}-{language}", None, original_filename=built.name)
        assert imported.created and imported.version.report["findings"] == []
        assert imported.version.scorm_version.startswith(version)
        published = publish_version(None, imported.version.id)
        assert published.state is VersionState.PUBLISHED
        layout = package_layout(published)
    lessons = [f"item-{lesson.key}" for lesson in edition.lessons]
    has_assessment = edition.assessment is not None
    assert [sco.identifier for sco in layout.scos] == lessons + ["item-assessment"] * has_assessment
    if has_assessment and edition.assessment.is_graded and edition.mastery_score is not None:
        assessment = layout.item("item-assessment")
        if version == "1.2":
            assert assessment.mastery_score == pytest.approx(edition.mastery_score)
        else:
            assert assessment.scaled_passing_score == pytest.approx(edition.mastery_score / 100)


@pytest.mark.parametrize("module, version, language", BUILDS,
                         ids=[f"{m.name}-{v}-{lang}" for m, v, lang in BUILDS])
def test_single_unit_build_imports_as_one_sco_with_the_pass_mark(app, tmp_path, module, version,
                                                                 language):
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.player.package import package_layout

    edition = load_module_source(module).edition(language)
    built = build_package(module, version, language=language, output_dir=tmp_path)
    with app.app_context():
        imported = import_package(built, f"{edition.slug}-{language}", None, original_filename=built.name)
        assert imported.created and imported.version.report["findings"] == []
        layout = package_layout(publish_version(None, imported.version.id))
    assert [sco.identifier for sco in layout.scos] == ["item-module"]
    graded = edition.assessment is not None and edition.assessment.is_graded
    sco = layout.item("item-module")
    mastery = sco.mastery_score if version == "1.2" else sco.scaled_passing_score
    if graded:
        assert mastery == pytest.approx(edition.mastery_score / (1 if version == "1.2" else 100))
    else:
        assert mastery is None  # an ungraded module carries no pass mark
