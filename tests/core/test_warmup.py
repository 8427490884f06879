"""A web process freezes what its start-up loaded, so that full collections no longer walk it."""

import gc

from zhifa.core.warmup import warm_up


def test_warm_up_leaves_the_loaded_code_to_a_generation_no_collection_walks():
    gc.unfreeze()
    try:
        warm_up()
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # Django, the apps, the URL configuration, the first templates
        assert gc.collect() >= 0 and gc.get_freeze_count() == frozen  # a collection leaves them where they are
    finally:
        gc.unfreeze()
