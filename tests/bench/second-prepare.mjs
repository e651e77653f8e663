// tests/bench/second-prepare.mjs — BENCH_PREPARE of tests/bench/second:
// the bench member (its session cookie in BENCH_SID) is given what
// 二次申請 needs (this year's windows open, twenty approved cases, the
// seminar, membership, dues, 一次申請 submitted) and the four sections
// filled, so the section pages measured are the ones a member in the
// middle of 二次 sees.  Leaves the windows open.  The preparation is
// tests/bench/members.mjs's kind "second" (the deadline mode's members
// are made the same way).
process.env.BENCH_KIND = 'second';
await import('./members.mjs');
