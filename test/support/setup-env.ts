// Each test process sees the test configuration unless a test passes its own environment.
process.env.NODE_ENV = 'test';
