"""Limits on what a computation may be asked: finite numbers in range, a memory and a work budget.

Every size a user can choose is checked here before anything is allocated or run, so a request
too large for the machine ends in one ``ValueError`` naming the limit instead of a
``MemoryError``, a machine that swaps, or a run that would not end today. The messages name
the quantity, never a command-line flag: the command line adds its own wording.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Largest allocation (bytes) one computation may plan for.
MEMORY_BUDGET = 2 * 1024**3


def exact(x: float) -> str:
    """A number written short when that is exact, else to the last bit: what a spec that must
    read back as the same number writes.

    >>> exact(0.25), exact(1 / 3), exact(10.0)
    ('0.25', '0.3333333333333333', '10')
    """
    short = f"{x:g}"
    return short if float(short) == x else repr(float(x))


def require_finite(value: float, what: str) -> float:
    """``value`` as a float if it is a finite number; ValueError otherwise.

    >>> require_finite(2, "the weight")
    2.0
    """
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value:g}")
    return value


def require_range(
    value: float, what: str, low: float = -math.inf, high: float = math.inf, *,
    low_open: bool = False, high_open: bool = False,
) -> float:
    """``value`` if it is finite and lies in [low, high] (an end is excluded when ``*_open``).

    >>> require_range(0.5, "the momentum", 0, 1, high_open=True)
    0.5
    """
    value = require_finite(value, what)
    below = value <= low if low_open else value < low
    above = value >= high if high_open else value > high
    if below or above:
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        raise ValueError(f"{what} must lie in {left}{low:g}, {high:g}{right}, got {value:g}")
    return value


def require_count(value: int, what: str, low: int = 1, high: int | None = None) -> int:
    """``value`` if it is an integer from ``low`` to ``high``.

    >>> require_count(3, "the depth", 1, 10)
    3
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be an integer, got {value!r}")
    if value < low or (high is not None and value > high):
        span = f"from {low:,} to {high:,}" if high is not None else f"at least {low:,}"
        raise ValueError(f"{what} must be an integer {span}, got {value:,}")
    return value


def check_memory(nbytes: float, what: str) -> None:
    """Refuse a plan that would allocate more than :data:`MEMORY_BUDGET` bytes.

    >>> check_memory(8 * 10**12, "10^12 float64 numbers")
    Traceback (most recent call last):
    ...
    ValueError: 10^12 float64 numbers would need about 7451 GB, more than the 2 GB budget
    """
    if nbytes > MEMORY_BUDGET:
        gb = nbytes / 1024**3
        size = f"{gb:.1f}" if gb < 100 else f"{gb:.0f}"  # "2.2 GB" near the budget, not "2 GB"
        raise ValueError(
            f"{what} would need about {size} GB, more than the {MEMORY_BUDGET / 1024**3:g} GB "
            "budget")


#: Most multiply-adds one computation may plan for: hours of one core at some 10^10 a second.
WORK_BUDGET = 10**14


def check_work(multiply_adds: float, what: str) -> None:
    """Refuse a plan of more than :data:`WORK_BUDGET` multiply-adds.

    >>> check_work(3 * 10**16, "10^9 passes")
    Traceback (most recent call last):
    ...
    ValueError: 10^9 passes would take about 3e+16 multiply-adds, more than the 1e+14 budget
    """
    if multiply_adds > WORK_BUDGET:
        raise ValueError(
            f"{what} would take about {multiply_adds:.0e} multiply-adds, "
            f"more than the {WORK_BUDGET:.0e} budget"
        )


# --- the table: one value per limit ---------------------------------------------------------------
@dataclass(frozen=True)
class Limit:
    """The range a quantity may take: [low, high] (an end excluded when ``*_open``), integers
    when ``integer``. ``what`` names the quantity in messages; the command line shows
    :attr:`span` in its help and checks the same range where it parses the option.

    >>> HIDDEN.check(4), HIDDEN.span
    (4, '1 to 50')
    """

    what: str
    low: float
    high: float
    integer: bool = True
    low_open: bool = False
    high_open: bool = False

    def check(self, value: float) -> float:
        """``value`` if it lies in the range; ValueError naming the quantity otherwise."""
        if self.integer:
            return require_count(value, self.what, int(self.low), int(self.high))
        return require_range(value, self.what, self.low, self.high, low_open=self.low_open,
                             high_open=self.high_open)

    def admits(self, value: float) -> bool:
        """Whether :meth:`check` accepts ``value``."""
        try:
            self.check(value)
        except ValueError:
            return False
        return True

    @property
    def span(self) -> str:
        """The range as the help states it: "1 to 50", "in (0, 10]"."""
        if self.integer:
            return f"{int(self.low):,} to {int(self.high):,}"
        left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
        return f"in {left}{self.low:g}, {self.high:g}{right}"


#: Networks: hidden layers (drawn or trained) and the units of each.
HIDDEN = Limit("the number of hidden layers", 1, 50)
WIDTH = Limit("the width of the hidden layers", 1, 1000)
#: Random networks per row of a table (their median and band).
NETWORKS = Limit("the number of networks", 1, 10_000)
#: Training: epochs, measurements per epoch, the optimiser's numbers.
EPOCHS = Limit("the number of epochs", 1, 10_000)
RECORDS = Limit("the number of measurements per epoch", 1, 1000)
BATCH = Limit("the batch size", 1, 60_000)
ETA = Limit("the learning rate eta", 0, 10, integer=False, low_open=True)
LMBDA = Limit("the weight decay lmbda", 0, 1e6, integer=False)
MOMENTUM = Limit("the momentum mu", 0, 1, integer=False, high_open=True)
CLIP = Limit("the clipping threshold", 0, 1e6, integer=False, low_open=True)
#: Initial biases N(-shift, std²) (the shift on hidden layers only).
BIAS_STD = Limit("the bias standard deviation", 0, 1000, integer=False)
BIAS_SHIFT = Limit("the bias shift", -100, 100, integer=False)
#: The activations' parameters: a leaky slope keeps the unit a rectifier (below 1), PReLU's
#: starting slope and ELU's alpha stay where a pass through 50 layers is finite in float64.
LEAKY_SLOPE = Limit("the leaky_relu slope", 0, 1, integer=False, high_open=True)
PRELU_SLOPE = Limit("the prelu parameter a", -10, 10, integer=False)
RRELU_SLOPE = Limit("an rrelu slope bound", 0, 1, integer=False, high_open=True)
ELU_ALPHA = Limit("the elu alpha", 0, 10, integer=False, low_open=True)
#: A weight scale (normal:STD, scaled:GAIN) whose square is a normal float64.
WEIGHT_SCALE = (1e-100, 1e100)
#: The standard deviation of a weight scale swept over (``experiment batch-norm-scales``).
WEIGHT_STD = Limit("the weight scale", 1e-8, 100, integer=False, low_open=False)
#: Digits: training images (the full MNIST's 60,000) and validation images (its 10,000).
IMAGES = Limit("the number of training images", 10, 60_000)
VALIDATION = Limit("the number of validation images", 10, 10_000)
#: Seeds of the random numbers and of the draw of digits.
SEED = Limit("the seed", 0, 2**63 - 1)
#: A random recurrent network (``experiment rnn``): its size, its inputs, its spectral radius.
UNITS = Limit("the number of recurrent units", 1, 1024)
INPUTS = Limit("the number of input features", 1, 1024)
STEPS = Limit("the number of time steps", 2, 100_000)
RADIUS = Limit("the spectral radius", 0, 10, integer=False, low_open=True)
INPUT_STD = Limit("the input standard deviation", 0, 10, integer=False)
#: The bias of a gated cell's keep gate (the LSTM's forget gate, the GRU's update gate).
FORGET_BIAS = Limit("the keep gate's bias", -20, 20, integer=False)
#: The chain network of the derivations: its depth, and the random chains a check compares at
#: (the chains a table or an exercise samples are bounded by the memory budget too).
DEPTH = Limit("the depth", 1, 2000)
TRIALS = Limit("the number of random chains", 1, 100_000)
CHAINS = Limit("the number of chains", 1, 10_000_000)
#: Mean-field variances σ_w² (> 0) and σ_b² of weights N(0, σ_w²/n_in) and biases N(0, σ_b²).
SIGMA_W2 = Limit("sigma_w^2", 0, 100, integer=False, low_open=True)
SIGMA_B2 = Limit("sigma_b^2", 0, 100, integer=False)
#: A trainability map: its cells (depth × σ_w²), and the worker processes that train them.
CELLS = Limit("the number of cells of the map", 1, 2500)
JOBS = Limit("the number of jobs", 1, 1024)
#: The input–output Jacobian of a deep random network (``experiment jacobian``): its depth and
#: the fixed point q* its critical point is placed at (off that line it takes SIGMA_W2, SIGMA_B2).
JACOBIAN_DEPTH = Limit("the depth", 1, 1000)
Q_STAR = Limit("the fixed point q*", 0, 100, integer=False, low_open=True)
