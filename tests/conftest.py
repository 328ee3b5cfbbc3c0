"""Shared test settings: a hypothesis profile within CI's time budget, and data computed once."""

import linecache
import os

import pytest
from hypothesis import HealthCheck, settings

# one BLAS thread, as the experiment commands use (cli/runs.py: experiment_setup): the
# training tests multiply matrices 30 columns wide, which two threads on a shared 2-core
# machine make about three times slower; set before NumPy is first imported
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# linecache.checkcache() lists the cache's keys, then looks each one up; SymPy's lambdify drops
# its generated source from the cache when the function is garbage-collected, which can happen
# between the two and raise KeyError (python/cpython#126775, fixed upstream for 3.12 and later;
# 3.10 and 3.11 take security fixes only). The doctest runner calls checkcache before every
# example, so a collection at the wrong moment failed a random doctest (seen once in about ten
# runs): retry, as the check is idempotent.
_checkcache = linecache.checkcache


def _checkcache_retrying(filename=None):
    for _ in range(100):
        try:
            return _checkcache(filename)
        except KeyError:
            continue
    return _checkcache(filename)


linecache.checkcache = _checkcache_retrying

# derandomize: the same examples on every run, so a failure is reproducible and CI deterministic
settings.register_profile(
    "analytic", max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("analytic")


@pytest.fixture(scope="session")
def gallery_data():
    """Every gallery figure's data, computed once for the whole session: name -> data."""
    from analytic.present.figures import GALLERY, compute

    return {name: compute(name) for name in GALLERY}


@pytest.fixture(scope="session")
def english_figures(gallery_data):
    """Every gallery figure built once in the gallery's language and style: name -> Figure."""
    import matplotlib

    from analytic.present.figures import build_figure
    from analytic.present.figures.describe import GALLERY_LANG, GALLERY_STYLE
    from analytic.present.figures.style import style_rc

    with matplotlib.rc_context(style_rc(GALLERY_STYLE, GALLERY_LANG)):
        return {name: build_figure(name, data, GALLERY_LANG, GALLERY_STYLE)
                for name, data in gallery_data.items()}

#: The end-to-end drivers: every command in Japanese, every scheme spelling, the hostile matrices
#: (a full or closed standard output, an unwritable matplotlib folder, every infinite value), the
#: recorded runs re-run small, the whole lecture deck, a signal at every moment, the deepest
#: chains, a command run twice for its bytes, the memory a child process used, the tools' --help.
#: They take about a minute of CPU together; so that the default suite stays within its budget
#: they are marked ``slow``: ``pytest -m slow`` runs them, as .ci/run does on every step.
SLOW = {
    "test_vocabulary.py": ("test_every_command_speaks_japanese_with_lang_ja",
                           "test_every_scheme_form_runs_and_prints_its_law"),
    "test_hostile.py": ("test_no_printed_or_written_number_is_infinite_or_undefined",
                        "test_a_full_standard_output_is_one_error_line_exit_2_and_no_file",
                        "test_figures_draw_silently_when_matplotlibs_own_folder_cannot_be_written",
                        "test_a_reader_that_has_gone_ends_the_run_quietly_with_128_plus_sigpipe",
                        "test_the_edges_of_those_vocabularies_are_accepted"),
    "test_recorded.py": (
        "test_check_judges_a_run_recorded_again_by_what_its_figures_show_not_their_numbers",
        "test_a_tiny_run_writes_json_of_the_committed_runs_schema",
        "test_the_figure_drawn_from_a_runs_json_is_the_commands_own_byte_for_byte"),
    "test_slides.py": (
        "test_the_lecture_has_about_twenty_slides_in_order_with_the_titles_read_back",
        "test_the_lecture_follows_the_learning_path",
        "test_without_the_committed_runs_the_lecture_leaves_out_exactly_the_slides_that_read_them"),
    "test_trainability.py": ("test_sigterm_while_training_writes_nothing_and_leaves_no_worker",),
    "test_figures.py": ("test_every_figure_draws_in_japanese_slides_without_any_warning",),
    "test_depth_scale_cli.py": ("test_the_figure_is_written_in_each_style_and_language",),
    "test_interrupt.py": (
        "test_a_stop_signal_at_any_moment_of_a_run_ends_in_one_line_or_in_the_whole_run",),
    "test_symbolic.py": ("test_check_passes_at_the_deepest_chains_the_command_accepts",),
    # a second run of a whole command, a child process measured, a tool rebuilt from its data
    "test_inside_cli.py": ("test_a_rerun_writes_the_same_files_byte_for_byte",),
    "test_training_inside_cli.py": ("test_a_rerun_writes_the_same_files_byte_for_byte",),
    "test_rnn.py": ("test_the_memory_estimate_bounds_the_measured_peak_of_every_shape",),
    "test_build_tool.py": ("test_building_again_reproduces_the_committed_npz_byte_for_byte",),
    "test_docs.py": ("test_every_tool_a_page_names_answers_help",),
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the markers
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = SLOW.get(item.path.name, ())
        if getattr(item, "originalname", item.name) in names:
            item.add_marker(pytest.mark.slow)
