// The couriers: SMTP and the SMS gateway through libcurl, and the folder.
#include "notify/outbox.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "blankett/formats.h"
#include "blankett/json_writer.h"

namespace blankett::server {
namespace {

constexpr long kTimeoutSeconds = 30;

struct curl_deleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using curl_ptr = std::unique_ptr<CURL, curl_deleter>;
struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;

// RFC 2047 encoded word for a header with non-ASCII text.
std::string encoded_word(std::string_view text) {
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "=?UTF-8?B?";
  size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const uint32_t v = (uint32_t(uint8_t(text[i])) << 16) | (uint32_t(uint8_t(text[i + 1])) << 8) | uint8_t(text[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kB64[(v >> s) & 63];
  }
  if (i < text.size()) {
    uint32_t v = uint32_t(uint8_t(text[i])) << 16;
    if (i + 1 < text.size()) v |= uint32_t(uint8_t(text[i + 1])) << 8;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < text.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out + "?=";
}

std::string rfc5322_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// An address or number that reaches a header or a gateway must be one line of safe characters (the
// settings were checked by the core's rules when they were stored; this is the second look).
bool safe_address(const outgoing& m) {
  if (m.to.empty() || m.to.size() > 254) return false;
  for (unsigned char c : m.to)
    if (c < 0x21 || c > 0x7E) return false;
  return m.ch == channel::email ? valid_email(m.to) : valid_phone(m.to);
}

class smtp_courier {
 public:
  explicit smtp_courier(const config& c) : url_(c.smtp_url), from_(c.smtp_from), user_(c.smtp_user), password_(c.smtp_password) {}

  std::string send(const outgoing& m) const {
    const std::string message = "Date: " + rfc5322_date() + "\r\nFrom: " + from_ + "\r\nTo: " + m.to + "\r\nSubject: " +
                                encoded_word(m.subject) + "\r\nMessage-ID: <" + m.key + "@blankett>\r\nMIME-Version: 1.0\r\n" +
                                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + crlf(m.text);
    curl_ptr curl(curl_easy_init());
    if (!curl) return "curl_easy_init failed";
    slist_ptr rcpt(curl_slist_append(nullptr, ("<" + m.to + ">").c_str()));
    struct reader {
      const std::string* data;
      size_t at = 0;
    } r{&message};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, ("<" + from_ + ">").c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_READDATA, &r);
    curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, +[](char* buf, size_t size, size_t n, void* p) -> size_t {
      auto* rd = static_cast<reader*>(p);
      const size_t take = std::min(size * n, rd->data->size() - rd->at);
      std::memcpy(buf, rd->data->data() + rd->at, take);
      rd->at += take;
      return take;
    });
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, kTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    // smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when the server offers it.
    curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!user_.empty()) {
      curl_easy_setopt(curl.get(), CURLOPT_USERNAME, user_.c_str());
      curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, password_.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) return std::string("smtp: ") + curl_easy_strerror(rc);
    return {};
  }

 private:
  static std::string crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out + "\r\n";
  }
  std::string url_, from_, user_, password_;
};

class sms_gateway {
 public:
  explicit sms_gateway(const config& c) : url_(c.sms_url), body_(c.sms_body) {}

  std::string send(const outgoing& m) const {
    std::string body = body_;
    replace(body, "{to}", json_text(m.to));
    replace(body, "{text}", json_text(m.text));
    replace(body, "{id}", json_text(m.key));
    curl_ptr curl(curl_easy_init());
    if (!curl) return "curl_easy_init failed";
    slist_ptr headers(curl_slist_append(nullptr, "Content-Type: application/json"));
    curl_slist_append(headers.get(), ("Idempotency-Key: " + m.key).c_str());
    curl_easy_setopt(curl.get(), CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, kTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) -> size_t { return size * n; });
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) return std::string("sms: ") + curl_easy_strerror(rc);
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) return "sms: the gateway answered " + std::to_string(status);
    return {};
  }

 private:
  // The value as a JSON string's contents (the template holds the quotes).
  static std::string json_text(std::string_view v) {
    std::string quoted;
    json_writer w(quoted);
    w.value(v);
    return quoted.substr(1, quoted.size() - 2);
  }
  static void replace(std::string& s, std::string_view from, std::string_view to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  }
  std::string url_, body_;
};

// The folder: one file a message, named by its key and written once (a repeat finds it there).
class folder_courier {
 public:
  explicit folder_courier(std::string dir) : dir_(std::move(dir)) {}

  std::string send(const outgoing& m) const {
    std::string text;
    if (m.ch == channel::email) text = "To: " + m.to + "\nSubject: " + m.subject + "\nMessage-ID: <" + m.key + "@blankett>\n\n" + m.text + "\n";
    else text = "To: " + m.to + "\nId: " + m.key + "\n\n" + m.text + "\n";
    const std::string path = dir_ + "/" + m.key + (m.ch == channel::email ? ".eml" : ".sms.txt");
    const std::string temp = path + ".part";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return "outbox folder: " + std::string(std::strerror(errno));
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temp.c_str(), path.c_str()) != 0) return "outbox folder: " + std::string(std::strerror(errno));
    return {};
  }

 private:
  std::string dir_;
};

class configured_courier final : public courier {
 public:
  explicit configured_courier(const config& c) : smtp_(c), sms_(c), folder_(c.outbox_dir), use_smtp_(!c.smtp_url.empty()), use_sms_(!c.sms_url.empty()) {}

  std::string send(const outgoing& m) override {
    if (!safe_address(m)) return "the address or number is not valid";
    if (m.ch == channel::email) return use_smtp_ ? smtp_.send(m) : folder_.send(m);
    return use_sms_ ? sms_.send(m) : folder_.send(m);
  }

 private:
  smtp_courier smtp_;
  sms_gateway sms_;
  folder_courier folder_;
  bool use_smtp_, use_sms_;
};

}  // namespace

std::unique_ptr<courier> make_courier(const config& c) { return std::make_unique<configured_courier>(c); }

// A mobile number as the gateway wants it: +46 and the digits (the settings keep what the citizen typed).
std::string e164(std::string_view number) {
  std::string digits;
  for (char c : number)
    if (c >= '0' && c <= '9') digits += c;
  if (!number.empty() && number[0] == '+') return "+" + digits;
  if (digits.size() > 1 && digits[0] == '0') return "+46" + digits.substr(1);
  return digits;
}

outgoing notification_message(const notification_delivery& n, const std::string& public_url) {
  outgoing m;
  m.ch = n.ch;
  m.to = n.ch == channel::sms ? e164(n.address.value_or("")) : n.address.value_or("");
  m.key = "blankett-notification-" + std::to_string(n.id);
  const std::string from_sv = n.unit_name ? " från " + *n.unit_name : "";
  const std::string from_en = n.unit_name ? " from " + *n.unit_name : "";
  if (n.ch == channel::email) {
    m.subject = "Nytt meddelande i Blankett / New message in Blankett";
    m.text = "Hej!\n\nDu har fått ett nytt meddelande" + from_sv + " i din inkorg i Blankett. Logga in på " + public_url +
             " för att läsa det.\n\nDet här meddelandet går inte att svara på.\n\n--\n\nYou have a new message" + from_en +
             " in your Blankett inbox. Log in at " + public_url + " to read it.\n\nPlease do not reply to this message.";
  } else {
    m.text = "Du har fått ett nytt meddelande" + from_sv + " i Blankett. Logga in på " + public_url + " för att läsa det.";
  }
  return m;
}

bool outbox_init() { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

}  // namespace blankett::server
