"""The per-document budget: time, memory, and living with an embedding program's alarm."""

from __future__ import annotations

import signal
import time

import pytest

from wpslint.errors import DocumentError
from wpslint.limits import Limits, budget, can_interrupt, check_size, human_size

needs_alarm = pytest.mark.skipif(not can_interrupt(), reason="needs SIGALRM (POSIX)")


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@needs_alarm
def test_work_over_the_time_limit_becomes_a_timeout_error() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError) as error, budget("plan.pdf", 0.1):
        busy(5)
    assert error.value.code == "timeout"
    assert error.value.path == "plan.pdf"
    assert "within 0.1 s" in error.value.message
    assert time.monotonic() - started < 2


@needs_alarm
def test_time_spent_before_the_block_counts_against_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError) as error, budget("plan.pdf", 1.0, spent=0.9):
        busy(5)
    assert error.value.code == "timeout"
    assert "within 1 s" in error.value.message  # the document's limit, not what was left
    assert time.monotonic() - started < 0.6
    with pytest.raises(DocumentError) as error, budget("plan.pdf", 1.0, spent=1.0):
        pytest.fail("the block ran with no time left")
    assert error.value.code == "timeout"


@needs_alarm
def test_a_timeout_cannot_be_swallowed_by_except_exception() -> None:
    def reader() -> None:
        try:
            busy(5)
        except Exception:  # a reader wrapping library failures must not hide the alarm
            pytest.fail("the alarm was caught as an ordinary exception")

    with pytest.raises(DocumentError, match="within"), budget("plan.pdf", 0.1):
        reader()


def test_memory_exhaustion_becomes_a_too_large_error() -> None:
    with pytest.raises(DocumentError) as error, budget("plan.pdf", None):
        raise MemoryError
    assert error.value.code == "too-large"


@needs_alarm
def test_the_embedding_programs_alarm_is_forwarded_and_put_back() -> None:
    calls: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: calls.append(signum))
    try:
        with budget("plan.pdf", 5):
            # An alarm of the embedding program handled while the block runs is passed on,
            # not taken for the document's timeout.
            signal.raise_signal(signal.SIGALRM)
            busy(0.01)
        assert calls == [signal.SIGALRM]
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with budget("plan.pdf", 5):
            busy(0.1)  # the program's timer is held while the block runs...
        assert calls == [signal.SIGALRM]
        time.sleep(0.05)  # ...and goes off once it ends
        assert calls == [signal.SIGALRM, signal.SIGALRM]
        signal.setitimer(signal.ITIMER_REAL, 30)
        with budget("plan.pdf", 5):
            busy(0.01)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < left <= 30
        assert signal.getsignal(signal.SIGALRM) is not None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_limit_means_no_alarm() -> None:
    with budget("plan.pdf", None):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_sizes() -> None:
    assert human_size(512) == "512 bytes"
    assert human_size(40 * 1024) == "40.0 KB"
    assert human_size(3 * 2**20 + 2**19) == "3.5 MB"
    check_size("a.txt", 10, None)
    check_size("a.txt", 10, 10)
    with pytest.raises(DocumentError, match="limit 9 bytes; raise it with --max-bytes"):
        check_size("a.txt", 10, 9)
    assert Limits().max_pages == 2000
