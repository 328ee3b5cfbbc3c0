"""Mean-field theory against the chapter's network: the predicted per-layer factor √χ₁ next to
the ratios measured at initialisation on real digits, exactly as ``init_norms`` measures them."""

from __future__ import annotations

from ..theory.prediction import CHAPTER_SIGMA_B, Origin, Prediction, init_sigma_w, predict
from ..train import Progress, Recipe
from .data import Data
from .mnist import Source
from .speeds import InitNorms, init_norms


def chapter_prediction(recipe: Recipe = Recipe(validation=0), networks: int = 100,
                       source: Data | Source | None = None,
                       progress: Progress = None) -> Prediction:
    """√χ₁ of the chapter's network next to its measured ratios ‖∇b^l‖ / ‖∇b^(l+1)‖."""
    if recipe.hidden < 2:
        raise ValueError(f"need at least 2 hidden layers to form a ratio, got {recipe.hidden}")
    return measured_prediction(init_norms(recipe, networks, source=source, progress=progress))


def measured_prediction(result: InitNorms) -> Prediction:
    """√χ₁ of the result's network next to its median ratios, earlier over later layer.

    ``init_norms`` reports later over earlier layer; the prediction is earlier over later, so
    its ratios are inverted here.
    """
    recipe, networks = result.recipe, result.networks
    init = recipe.init.spec
    source_text = (
        f"experiment init-norms: median over {networks} networks ({init} init, seed "
        f"{recipe.seed}), {recipe.images} images of {result.data}, cross-entropy cost"
    )
    origin = Origin("init_norms", {"networks": networks, "init": init, "seed": recipe.seed,
                                   "images": recipe.images, "data": result.data})
    ratios = [1.0 / r for r in result.ratios]
    return predict(ratios, recipe.activation, init_sigma_w(recipe.init, recipe.width),
                   CHAPTER_SIGMA_B, source_text, origin=origin)
