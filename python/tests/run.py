"""Runs the Python tests with the standard library's unittest and ends with mocha-style counts
("N passing", "N failing", "N pending"), which `npm test` adds to its summary.

    python python/tests/run.py
"""
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main() -> int:
    loader = unittest.TestLoader()
    suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    started = time.time()
    result = unittest.TextTestRunner(verbosity=2, resultclass=CountingResult, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"\n  {result.passed} passing ({time.time() - started:.0f}s)")
    if result.skipped:
        print(f"  {len(result.skipped)} pending")
        for test, why in result.skipped:
            print(f"    skipped {test.id()}: {why}")
    if failed:
        print(f"  {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
