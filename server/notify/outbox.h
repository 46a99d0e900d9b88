// Notifications out of the server: e-mail by SMTP (libcurl), SMS through an HTTP gateway (libcurl), or
// both into a folder (the embedded default, which the demo shows).
//
// A notification says only that a message waits in the citizen's inbox, and (unless the unit turned
// it off) from which unit: never a form's name, an answer or a personnummer. Each message carries a
// stable key ("blankett-notification-<id>"): the e-mail's Message-ID, the SMS gateway's
// Idempotency-Key header and "id" field, the file's name. The outbox job sends a message once; only
// when a node dies between the hand-over and recording it can a message go again, with the same key,
// so that the receiver can tell (docs/operations.md). Thread-safe: each send uses its own handle.
#pragma once

#include <memory>
#include <string>

#include "config.h"
#include "store/model.h"

namespace blankett::server {

struct outgoing {
  channel ch = channel::email;
  std::string to;       // an e-mail address or a mobile number
  std::string subject;  // e-mail only
  std::string text;
  std::string key;      // stable for the notification: for the receiver to recognise a repeat
};

class courier {
 public:
  virtual ~courier() = default;
  // Hands the message over; "" when the receiver took it, else why not (for the log: no address).
  virtual std::string send(const outgoing& m) = 0;
};

// What the configuration asks for: SMTP or the folder for e-mail, the gateway or the folder for SMS.
std::unique_ptr<courier> make_courier(const config& c);

// The texts of a notification (Swedish, then English), for a unit's name or none.
outgoing notification_message(const notification_delivery& n, const std::string& public_url);

// libcurl's global set-up, once per process before any thread sends.
bool outbox_init();

}  // namespace blankett::server
