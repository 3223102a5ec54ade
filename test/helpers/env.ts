// Every test process: test mode, and no real network beyond loopback (nock closes the rest where used).
process.env.NODE_ENV = "test";
