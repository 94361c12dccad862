"""KPI charts: drawn as SVG (``draw``), on scales (``axes``), said in words (``words``) and in
text alternatives (``alt``)."""
