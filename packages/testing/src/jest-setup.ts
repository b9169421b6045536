// Integration tests boot real processes: hooks and tests get minutes, not Jest's 5 s.
jest.setTimeout(180_000);
