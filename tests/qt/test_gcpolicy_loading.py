"""Full garbage collections wait while a library of sources is built, and the library is then set aside."""

from __future__ import annotations

import gc

import pytest

from explorer.qt.gcpolicy import quiet_collector_while_loading


class _Thing:
    """A tracked object made inside the load (a stand-in for a passage)."""


@pytest.fixture
def app_policy():
    """The app's collector policy (settle_gc): what is alive is set aside; undone afterwards."""
    before = gc.get_threshold()
    gc.freeze()
    yield
    gc.unfreeze()
    assert gc.get_threshold() == before


def _frozen(obj) -> bool:
    return gc.is_tracked(obj) and not any(obj is o for o in gc.get_objects())


def test_with_the_app_policy_no_full_collection_runs_and_the_library_is_set_aside(app_policy):
    threshold = gc.get_threshold()
    with quiet_collector_while_loading() as loading:
        assert gc.get_threshold()[:2] == threshold[:2]
        assert gc.get_threshold()[2] > 10**6  # the young generations are still collected, full ones wait
        made = _Thing()
        loading.built = True
    assert gc.get_threshold() == threshold
    assert _frozen(made)


def test_a_cancelled_load_is_not_set_aside(app_policy):
    threshold = gc.get_threshold()
    with quiet_collector_while_loading():
        made = _Thing()
    assert gc.get_threshold() == threshold
    assert not _frozen(made)


def test_an_error_inside_restores_the_thresholds(app_policy):
    threshold = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with quiet_collector_while_loading() as loading:
            loading.built = True
            raise RuntimeError("boom")
    assert gc.get_threshold() == threshold


def test_nested_loads_restore_the_thresholds_once_the_last_ends(app_policy):
    threshold = gc.get_threshold()
    with quiet_collector_while_loading():
        with quiet_collector_while_loading():
            pass
        assert gc.get_threshold()[2] > 10**6
    assert gc.get_threshold() == threshold


def test_without_the_app_policy_the_usual_collector_is_left_alone():
    if gc.get_freeze_count():
        pytest.skip("an earlier test left objects set aside")
    threshold = gc.get_threshold()
    with quiet_collector_while_loading() as loading:
        assert gc.get_threshold() == threshold
        made = _Thing()
        loading.built = True
    assert gc.get_threshold() == threshold
    assert not _frozen(made) and gc.get_freeze_count() == 0
