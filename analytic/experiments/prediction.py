"""Mean-field theory against the chapter's network: the predicted per-layer factor √χ₁ next to
the ratios measured at initialisation on real digits, exactly as ``init_norms`` measures them."""

from __future__ import annotations

from ..theory.prediction import CHAPTER_SIGMA_B, Origin, Prediction, init_sigma_w, predict
from .mnist import Digits
from .speeds import init_norms


def chapter_prediction(
    train: Digits, hidden: int, activation: str = "sigmoid", init: str = "scaled",
    networks: int = 100, seed: int = 0, data_name: str = "",
) -> Prediction:
    """√χ₁ of the chapter's network next to its measured ratios ‖∇b^l‖ / ‖∇b^(l+1)‖.

    ``init_norms`` reports later over earlier layer; the prediction is earlier over later, so
    its ratios are inverted here.
    """
    if hidden < 2:
        raise ValueError(f"need at least 2 hidden layers to form a ratio, got {hidden}")
    result = init_norms(train, hidden, 30, networks, activation, init, seed=seed)
    source = (
        f"experiment init-norms: median over {networks} networks ({init} init, seed {seed}), "
        f"{len(train)} images of {data_name}, cross-entropy cost"
    )
    origin = Origin("init_norms", {"networks": networks, "init": init, "seed": seed,
                                   "images": len(train), "data": data_name})
    ratios = [1.0 / r for r in result.ratios]
    return predict(ratios, activation, init_sigma_w(init), CHAPTER_SIGMA_B, source,
                   origin=origin)
