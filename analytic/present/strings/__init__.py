"""Every string the figures and tables show, in English and Japanese, one module per area:
each holds ``STRINGS``, key -> {lang: text}, and :mod:`analytic.present.i18n` joins them."""
