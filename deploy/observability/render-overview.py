#!/usr/bin/python3
"""Draws the time-series panels of the Platform overview dashboard from a Prometheus, for the README's picture.

    /usr/bin/python3 deploy/observability/render-overview.py --prometheus http://127.0.0.1:9090 \
        --minutes 10 --window 1m --out deploy/observability/overview.png

Each panel is queried with the dashboard's own expression (over --window instead of 5m when the run was short).
Needs matplotlib (Debian: python3-matplotlib).
"""
import argparse
import json
import pathlib
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from datetime import datetime  # noqa: E402

DASHBOARD = pathlib.Path(__file__).parent / "grafana" / "dashboards" / "izek-overview.json"


def query_range(prometheus, expr, start, end, step):
    url = prometheus + "/api/v1/query_range?" + urllib.parse.urlencode(
        {"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    if answer["status"] != "success":
        raise SystemExit(f"{expr}: {answer}")
    return answer["data"]["result"]


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--prometheus", default="http://127.0.0.1:9090")
    arguments.add_argument("--minutes", type=float, default=10)
    arguments.add_argument("--window", default="5m")
    arguments.add_argument("--out", default=str(pathlib.Path(__file__).parent / "overview.png"))
    options = arguments.parse_args()

    panels = [p for p in json.loads(DASHBOARD.read_text())["panels"] if p["type"] == "timeseries"]
    end = time.time()
    start = end - options.minutes * 60
    figure, axes = plt.subplots((len(panels) + 1) // 2, 2, figsize=(14, 3.2 * ((len(panels) + 1) // 2)))
    for axis, panel in zip(axes.flat, panels):
        expr = panel["targets"][0]["expr"].replace("[5m]", f"[{options.window}]")
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        for series in query_range(options.prometheus, expr, start, end, "10s"):
            label = ",".join(series["metric"].values()) or "all"
            times = [datetime.fromtimestamp(float(t)) for t, _ in series["values"]]
            values = [float(v) for _, v in series["values"]]
            if unit == "s":
                values = [v * 1000 for v in values]
            axis.plot(times, values, label=label, linewidth=1.4)
        axis.set_title(panel["title"] + (" (ms)" if unit == "s" else ""), fontsize=11)
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        axis.grid(alpha=0.3)
        if axis.lines:
            axis.legend(fontsize=7, loc="upper left")
    for axis in list(axes.flat)[len(panels):]:
        axis.set_visible(False)
    figure.suptitle("izek · Platform overview (Prometheus data of a load run)", fontsize=13)
    figure.tight_layout()
    figure.savefig(options.out, dpi=90)
    print("wrote", options.out)


if __name__ == "__main__":
    main()
