"""A real SMTP server on loopback for Enlace's notification tests (Debian's aiosmtpd).

Run with Debian's interpreter: /usr/bin/python3 smtp_recorder.py PORT FOLDER [--refuse N] [--hold-first SECONDS]
Every message that reaches DATA is written to FOLDER as <n>.eml (before the answer is given, so a
client killed while waiting still leaves the message recorded). --refuse N answers the first N
messages "451 4.3.0 try again later" (transient, nothing recorded); --hold-first waits that long
before accepting the first recorded message (a sender can be killed meanwhile). Prints "ready"
once listening.
"""
import argparse
import asyncio
import itertools
import os
import sys

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, folder, refuse, hold_first):
        self.folder = folder
        self.refuse = refuse
        self.hold_first = hold_first
        self.counter = itertools.count(1)
        self.refused = 0
        self.recorded = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse:
            self.refused += 1
            with open(os.path.join(self.folder, "refused.log"), "a") as log:
                log.write(f"{self.refused}\n")
            return "451 4.3.0 try again later"
        n = next(self.counter)
        path = os.path.join(self.folder, f"{n}.eml")
        with open(path + ".tmp", "wb") as out:
            out.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            out.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        self.recorded += 1
        if self.recorded == 1 and self.hold_first > 0:
            await asyncio.sleep(self.hold_first)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--refuse", type=int, default=0)
    parser.add_argument("--hold-first", type=float, default=0)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    controller = Controller(Recorder(args.folder, args.refuse, args.hold_first), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()  # runs until the test closes its end of the pipe, or kills it
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
