// The demo's submitted answers (Uppföljning has something to find on a fresh demo database): their
// results computed by the core exactly as a citizen's submit computes them.
#pragma once

namespace blankett::server {

class app;

// Once, after seed_demo seeded a fresh database: a few PHQ-9 answers (one with item 9 answered above
// "Inte alls"), a GAD-7 and a Hälsoenkät (without the staff's measurements), submitted yesterday by
// demo citizens at the first unit. Does nothing on any other database.
void seed_demo_answers(app& a);

}  // namespace blankett::server
