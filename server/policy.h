// The service's own rules that no form decides: who may answer for whom, default dates, quotas.
//
// One place for each number, so that a route, the demo seed and the documentation (docs/api.md)
// cannot drift apart. The quotas that an operator may want to change are options (config.h).
#pragma once

#include <cstddef>

#include "blankett/dates.h"
#include "blankett/pnr.h"

namespace blankett::server::policy {

// A guardian (vårdnadshavare) answers for a child until the child turns 13.
constexpr int kGuardianUntilAge = 13;
inline bool guardian_may_act(const pnr& child, civil_date today) { return child.age_on(today) < kGuardianUntilAge; }

// A dispatch's defaults: besvaras senast one year ahead, gallras efter a year and a month.
constexpr int kDispatchAnswerByDays = 365;
constexpr int kDispatchDeleteAfterDays = 365 + 31;
// A form the citizen starts: 30 days to answer, deleted after 13 months.
constexpr int kStartedAnswerByDays = 30;
constexpr int kStartedDeleteAfterDays = 395;

// The banner (formulärmeddelande) a dispatch shows at the top of the form, in characters.
constexpr size_t kMaxBannerChars = 2000;

// The inbox message (inkorgsmeddelande) that comes with a sent form: its subject, and the text unless
// the sender writes another (at most kMaxInboxChars characters).
constexpr const char* kInboxSubject = "Formulär att besvara";
constexpr const char* kInboxDefaultText =
    "Hej!\n\nDu har fått ett formulär att besvara. Svara gärna på frågorna när du har lugnt omkring dig, och glöm "
    "inte att bekräfta dina svar när du är klar.\n\nMed vänlig hälsning";
constexpr size_t kMaxInboxChars = 4000;
// A reminder's inbox message (Skicka påminnelse), unless the sender writes another.
constexpr const char* kReminderSubject = "Påminnelse: formulär att besvara";
constexpr const char* kReminderDefaultText =
    "Hej! Du har ett formulär som ännu inte är besvarat. Logga in och svara på det, och glöm inte att skicka in "
    "dina svar när du är klar.";

}  // namespace blankett::server::policy
