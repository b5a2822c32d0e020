#!/usr/bin/env bash
# Writes a report of N generated items (default 10000) to standard output: each item with a lead,
# a progress note and a metric, like the real ones.
#
#   scripts/gen-report.sh 1000000 > big.json
set -euo pipefail
items=${1:-10000}
printf '{\n  "tally": 1,\n  "title": "压力测试报告",\n  "items": [\n'
seq 1 "$items" | sed -e 's/.*/    {"id": "&", "title": "重点任务 &", "status": "on_track", "lead": "市外办", "progress": [{"date": "2023-07-28", "text": "完成第&项工作"}], "metrics": [{"name": "数量", "value": &}]},/' -e '$ s/},$/}/'
printf '  ]\n}\n'
