#!/usr/bin/env python3
"""Drives `complaint-sim play` through a real pseudo-terminal, as a trainee would: types Chinese
with line editing (backspace, cursor moves over wide characters), asks for a hint, ends with
Ctrl-D, and checks the screen and the transcript file.

Usage: pty_drill.py COMPLAINT_SIM_BINARY WORKDIR TRANSCRIPT_PATH
Prints 'N passed, N failed' and exits 1 on failure.
"""
import json
import sys

import pexpect

binary, workdir, transcript = sys.argv[1:4]
checks = []


def check(name, condition):
    checks.append((name, bool(condition)))
    if not condition:
        print("FAILED:", name)


child = pexpect.spawn(
    binary,
    ["play", "rational-card-installment-fee", "--seed", "3", "--transcript", transcript],
    cwd=workdir,
    env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    encoding="utf-8",
    timeout=20,
    dimensions=(40, 160),
)
child.expect("你（第1轮）：")
check("briefing shown", "刘工" in child.before or "客户：" in child.before)
check("colour on a terminal", "\x1b[" in child.before)

# Type with a mistake, fix it, and insert a character in the middle of wide characters.
child.send("我理解您的心情X")
child.send("\x7f")          # backspace removes X
child.send("\x1b[D\x1b[D")   # two characters left, before 心
child.send("，")             # insert a full-width comma
child.send("\x1b[F")         # End
child.send("。")
child.send("\r")
child.expect("你（第2轮）：")
check("customer answered", "怒气" in child.before or "信任" in child.before)

child.send("/hint\r")
# The editor redraws its prompt on every key, so wait for the hint itself, not the prompt.
index = child.expect(["参考说法", "要点你都做到了"])
check("hint shows what the course expects", index in (0, 1))

# Ctrl-D straight away, typed ahead while the hint may still be printing: it must not be lost.
child.sendcontrol("d")
child.expect("成绩单")
child.expect(pexpect.EOF)
check("scorecard printed", "得分" in child.before)
child.close()
check("exit status 0", child.exitstatus == 0)

with open(transcript, encoding="utf-8") as handle:
    lines = [json.loads(line) for line in handle if line.strip()]
trainee = [turn["text"] for turn in lines[-1]["turns"] if turn["speaker"] == "trainee"]
check("edited reply recorded as typed", trainee == ["我理解您的，心情。"])
check("turns are time-stamped in a live drill", all("at" in turn for turn in lines[-1]["turns"]))

failed = sum(1 for _, ok in checks if not ok)
print(f"{len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
