"""Material's script bundle is patched by text: each patch must match the pinned bundle exactly
once, and a bundle it does not match stops the build with the patch's name."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from macros.site import BUNDLE_PATCHES, PatchError, apply_patches

BUNDLE = next(Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js")).read_text("utf-8")


@pytest.mark.parametrize("name", BUNDLE_PATCHES)
def test_each_patch_matches_the_pinned_bundle_exactly_once(name):
    original, patched = BUNDLE_PATCHES[name]
    assert BUNDLE.count(original) == 1 and original not in apply_patches(BUNDLE) and patched in apply_patches(BUNDLE)


@pytest.mark.parametrize("name", BUNDLE_PATCHES)
def test_a_bundle_the_patch_does_not_fit_is_refused_by_name(name):
    original, _ = BUNDLE_PATCHES[name]
    for changed in (BUNDLE.replace(original, "/* re-minified */"), BUNDLE + original):  # missing, or twice
        with pytest.raises(PatchError, match=name):
            apply_patches(changed)
