// The message table (sv, en) and placeholder filling.
#include "blankett/messages.h"

#include <array>

namespace blankett {
namespace {

// Sorted by key; the test suite checks order, completeness against the diagnostic and rule tables,
// and that every placeholder has a parameter.
constexpr message_row kMessages[] = {
    {"answers.form_mismatch", "Svaren gäller ett annat formulär (väntade \"{expected}\").",
     "The answers belong to another form (expected \"{expected}\")."},
    {"answers.invalid_value", "Ogiltigt värde.", "Invalid value."},
    {"answers.invalid_value.undeclared_language", "Språket finns inte bland formulärets språk.",
     "The language is not one of the form's languages."},
    {"answers.missing_key", "\"{key}\" saknas.", "\"{key}\" is missing."},
    {"answers.unknown_key", "Okänd nyckel \"{key}\" ignoreras.", "Unknown key \"{key}\" is ignored."},
    {"answers.version_mismatch", "Svaren gäller en annan version av formuläret (väntade {expected}).",
     "The answers belong to another version of the form (expected {expected})."},
    {"answers.wrong_type", "Fel typ: väntade {expected}, fick {got}.", "Wrong type: expected {expected}, got {got}."},
    {"calc.division_by_zero", "Uträkningen delar med noll.", "The calculation divides by zero."},
    {"calc.invalid_input", "Svaren ger inget värde att räkna med.", "The answers give no value to calculate with."},
    {"calc.missing_input", "Svar som uträkningen behöver saknas.", "Answers the calculation needs are missing."},
    {"expr.arity", "Fel antal argument: {signature}.", "Wrong number of arguments: {signature}."},
    {"expr.syntax", "Uttrycket går inte att tolka: här väntades {expected}.",
     "The expression cannot be read: expected {expected} here."},
    {"expr.type", "Fel typ i uttrycket: väntade {expected}, fick {found}.",
     "Wrong type in the expression: expected {expected}, got {found}."},
    {"expr.unknown_function", "Funktionen \"{name}\" finns inte.", "There is no function \"{name}\"."},
    {"expr.unknown_reference", "\"{name}\" finns inte i formuläret.", "There is no \"{name}\" in the form to refer to."},
    {"form.attribute_not_applicable", "\"{key}\" gäller inte frågetypen {type} och ignoreras.",
     "\"{key}\" does not apply to {type} items and is ignored."},
    {"form.cycle", "Värden som beror av varandra i en cirkel: {cycle}.",
     "Values that depend on each other in a circle: {cycle}."},
    {"form.duplicate_id", "Id \"{id}\" används redan.", "The id \"{id}\" is already used."},
    {"form.invalid_id", "Ogiltigt id \"{id}\": en bokstav först, sedan bokstäver, siffror, _ . eller - (högst 64 tecken).",
     "Invalid id \"{id}\": a letter first, then letters, digits, _ . or - (at most 64 characters)."},
    {"form.invalid_value", "Ogiltigt värde.", "Invalid value."},
    {"form.invalid_value.bad_bound", "Gränsen skrivs som {expected}.", "The bound is written as {expected}."},
    {"form.invalid_value.cell", "Celltypen är en av: {allowed}.", "The cell type is one of: {allowed}."},
    {"form.invalid_value.choice_value_length", "Ett svarsalternativs värde har 1 till 64 tecken.",
     "An alternative's value has 1 to 64 characters."},
    {"form.invalid_value.code_system", "Ett kodsystem anges som en absolut URI eller URN.",
     "A code system is an absolute URI or URN."},
    {"form.invalid_value.duplicate_choice_value", "Värdet \"{value}\" finns redan bland svarsalternativen.",
     "The value \"{value}\" is already used by another alternative."},
    {"form.invalid_value.duplicate_language", "Språket \"{language}\" står två gånger.",
     "The language \"{language}\" is listed twice."},
    {"form.invalid_value.empty_code", "Koden är tom.", "The code is empty."},
    {"form.invalid_value.empty_group", "En frågegrupp behöver minst en fråga.", "A group needs at least one item."},
    {"form.invalid_value.empty_page", "En sida behöver minst en fråga.", "A page needs at least one item."},
    {"form.invalid_value.help_url", "En hjälplänk är en http- eller https-adress.", "A help link is an http: or https: URL."},
    {"form.invalid_value.instrument", "En instrumentkod skrivs med små bokstäver, siffror och - _ . (till exempel phq-9).",
     "An instrument code is lower-case letters, digits and - _ . (for example phq-9)."},
    {"form.invalid_value.integer_step", "Steget för heltal är ett heltal.", "The step of an integer is a whole number."},
    {"form.invalid_value.language_code", "En språkkod är 2 eller 3 små bokstäver (sv, en).",
     "A language code is 2 or 3 lower-case letters (sv, en)."},
    {"form.invalid_value.max_below_min", "max är mindre än min.", "max is below min."},
    {"form.invalid_value.max_choices_above_choices", "max_choices är större än antalet svarsalternativ.",
     "max_choices is above the number of alternatives."},
    {"form.invalid_value.max_choices_below_min_choices", "max_choices är mindre än min_choices.",
     "max_choices is below min_choices."},
    {"form.invalid_value.max_length_below_min_length", "max_length är mindre än min_length.",
     "max_length is below min_length."},
    {"form.invalid_value.media_type", "Tillåtna filtyper: {allowed}.", "Allowed file types: {allowed}."},
    {"form.invalid_value.negative", "Värdet får inte vara negativt.", "The value must be 0 or more."},
    {"form.invalid_value.no_choices", "Frågan behöver minst ett svarsalternativ.", "The item needs at least one alternative."},
    {"form.invalid_value.no_languages", "Formuläret behöver minst ett språk.", "The form needs at least one language."},
    {"form.invalid_value.no_media_types", "Ange minst en filtyp.", "Name at least one file type."},
    {"form.invalid_value.no_pages", "Formuläret behöver minst en sida.", "The form needs at least one page."},
    {"form.invalid_value.no_rows", "Matrisen behöver minst en rad.", "The matrix needs at least one row."},
    {"form.invalid_value.scale_steps", "Skalans max nås inte från min i hela steg.",
     "The scale's max is not reached from min in whole steps."},
    {"form.invalid_value.step_not_positive", "Steget måste vara större än 0.", "The step must be above 0."},
    {"form.invalid_value.string_too_long", "Texten är för lång (högst {limit} byte).",
     "The string is too long (at most {limit} bytes)."},
    {"form.invalid_value.too_large", "Värdet är för stort.", "The value is too large."},
    {"form.invalid_value.too_many_choices", "För många svarsalternativ (högst {limit}).",
     "Too many alternatives (at most {limit})."},
    {"form.invalid_value.unknown_rule", "\"{rule}\" är ingen regel som kan ha ett eget meddelande.",
     "\"{rule}\" is not a rule that takes a custom message."},
    {"form.invalid_value.version", "Versionen är 1 eller större.", "The version is 1 or more."},
    {"form.invalid_value.widget", "Visningssättet är ett av: {allowed}.", "The widget is one of: {allowed}."},
    {"form.invalid_value.zero", "Värdet måste vara minst 1.", "The value must be 1 or more."},
    {"form.missing_key", "\"{key}\" saknas.", "\"{key}\" is missing."},
    {"form.missing_translation", "Översättning saknas för språket \"{language}\".",
     "The translation for \"{language}\" is missing."},
    {"form.pattern_syntax", "Mönstret går inte att tolka vid tecken {position}.",
     "The pattern cannot be compiled at character {position}: {reason}."},
    {"form.pattern_too_complex", "Mönstret är för komplicerat för att kontrollera svar med.",
     "The pattern is too complex to check answers with."},
    {"form.pattern_too_complex.class_ranges",
     "Mönstrets teckenklasser har för många intervall vid tecken {position} (högst {limit} sammanlagt).",
     "The pattern's character classes have too many ranges at character {position} (at most {limit} in all)."},
    {"form.pattern_too_complex.nesting", "Mönstret har för många grupper i varandra vid tecken {position} (högst {limit}).",
     "The pattern nests groups too deeply at character {position} (at most {limit} levels)."},
    {"form.pattern_too_complex.size", "Mönstret blir för stort (högst {limit} instruktioner).",
     "The pattern compiles to too many instructions (at most {limit})."},
    {"form.pattern_too_complex.work", "Mönstret kräver för mycket arbete per tecken i svaret (högst {limit} steg).",
     "The pattern needs too much work per character of the answer (at most {limit} steps)."},
    {"form.too_many_items", "Formuläret har fler än {limit} frågor.", "The form has more than {limit} items."},
    {"form.undeclared_language", "Språket \"{language}\" finns inte bland formulärets språk; texten ignoreras.",
     "The language \"{language}\" is not one of the form's languages; the text is ignored."},
    {"form.unknown_key", "Okänd nyckel \"{key}\" ignoreras.", "Unknown key \"{key}\" is ignored."},
    {"form.unknown_reference", "Det finns inget \"{id}\" att hänvisa till.", "There is no {kind} \"{id}\"."},
    {"form.unknown_type", "Okänd frågetyp \"{type}\".", "Unknown item type \"{type}\"."},
    {"form.unsupported_format", "Formatversionen saknas eller är okänd; den här versionen av Blankett läser format {supported}.",
     "The \"format\" is missing or unknown; this version of Blankett reads format {supported}."},
    {"form.wrong_type", "Fel typ: väntade {expected}, fick {got}.", "Wrong type: expected {expected}, got {got}."},
    {"input.too_large", "Dokumentet är för stort ({size} byte, högst {limit}).",
     "The document is too large ({size} bytes; the limit is {limit})."},
    {"input.too_many_problems", "Dokumentet har {total} fel; de första {kept} visas.",
     "The document has {total} problems; the first {kept} are shown."},
    {"json.duplicate_key", "Nyckeln \"{key}\" förekommer två gånger.", "The key \"{key}\" appears twice."},
    {"json.invalid_utf8", "Tecken som inte är giltig UTF-8.", "Bytes that are not valid UTF-8."},
    {"json.syntax", "Felaktig JSON: här väntades {expected}.", "Malformed JSON: expected {expected} here."},
    {"json.too_deep", "För djup nästling (högst {limit} nivåer).", "Nested too deeply (at most {limit} levels)."},
    {"json.unexpected_end", "Dokumentet tar slut mitt i ett värde. Är filen avkortad?",
     "The document ends in the middle of a value. Is the file truncated?"},
    {"profile.invalid_input", "Svaren ger inget värde för axeln.", "The answers give no value for the axis."},
    {"profile.missing_input", "Svar som axeln behöver saknas.", "Answers the axis needs are missing."},
    {"profile.no_level", "Ingen av axelns nivåer passar värdet.", "None of the axis's levels fits the value."},
    {"score.missing_items", "För många frågor är obesvarade för att räkna poängen.",
     "Too many questions are unanswered to compute the score."},
    {"score.not_scorable", "Poängen räknas bara när alla frågor är besvarade.",
     "The score is computed only when every question is answered."},
    {"validation.choice", "Välj ett av svarsalternativen.", "Choose one of the alternatives."},
    {"validation.format", "Svaret har fel format.", "The answer is in the wrong format."},
    {"validation.format.date", "Skriv datumet som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD."},
    {"validation.format.datetime", "Skriv datum och tid som ÅÅÅÅ-MM-DD TT:MM.", "Write the date and time as YYYY-MM-DD HH:MM."},
    {"validation.format.email", "Skriv en giltig e-postadress, till exempel namn@exempel.se.",
     "Enter a valid e-mail address, such as name@example.com."},
    {"validation.format.month", "Skriv månaden som ÅÅÅÅ-MM.", "Write the month as YYYY-MM."},
    {"validation.format.personnummer", "Personnumret är inte giltigt.", "The personal identity number is not valid."},
    {"validation.format.personnummer.birth_number", "Personnumret är inte giltigt.",
     "The personal identity number is not valid."},
    {"validation.format.personnummer.checksum", "Kontrollsiffran stämmer inte. Kontrollera numret.",
     "The check digit does not match. Please check the number."},
    {"validation.format.personnummer.date", "Personnumret innehåller inget giltigt datum.",
     "The personal identity number does not contain a valid date."},
    {"validation.format.personnummer.format", "Skriv personnumret som ÅÅÅÅMMDD-NNNN.",
     "Write the personal identity number as YYYYMMDD-NNNN."},
    {"validation.format.personnummer.future", "Födelsedatumet ligger i framtiden.", "The date of birth is in the future."},
    {"validation.format.personnummer.interim", "Interimsnummer kan inte användas här.",
     "Interim numbers cannot be used here."},
    {"validation.format.personnummer.separator", "Plustecknet används bara för den som har fyllt 100 år.",
     "The plus sign is only used for people aged 100 or more."},
    {"validation.format.phone", "Skriv ett telefonnummer med 7 till 15 siffror.",
     "Enter a telephone number with 7 to 15 digits."},
    {"validation.format.time", "Skriv tiden som TT:MM.", "Write the time as HH:MM."},
    {"validation.format.url", "Skriv en fullständig webbadress som börjar med https://.",
     "Enter a full web address starting with https://."},
    {"validation.format.week", "Skriv veckan som ÅÅÅÅ-Wnn, till exempel 2026-W48.",
     "Write the week as YYYY-Wnn, for example 2026-W48."},
    {"validation.mandatory", "Du behöver svara på frågan.", "Please answer this question."},
    {"validation.max", "Svaret får vara högst {max}.", "The answer must be at most {max}."},
    {"validation.max_choices", "Välj högst {max_choices} alternativ.", "Choose at most {max_choices} alternatives."},
    {"validation.max_files", "Bifoga högst {max_files} filer.", "Attach at most {max_files} files."},
    {"validation.max_length", "Skriv högst {max_length} tecken.", "Write at most {max_length} characters."},
    {"validation.max_size", "Filen är för stor (högst {max_size} byte).", "The file is too large (at most {max_size} bytes)."},
    {"validation.media_type", "Filen måste vara pdf, jpg eller png.", "The file must be a PDF, JPEG or PNG."},
    {"validation.min", "Svaret får vara lägst {min}.", "The answer must be at least {min}."},
    {"validation.min_choices", "Välj minst {min_choices} alternativ.", "Choose at least {min_choices} alternatives."},
    {"validation.min_length", "Skriv minst {min_length} tecken.", "Write at least {min_length} characters."},
    {"validation.not_answerable", "Det här är information och kan inte besvaras.",
     "This is information only and cannot be answered."},
    {"validation.pattern", "Svaret har inte rätt format.", "The answer is not in the expected format."},
    {"validation.rule", "Svaren stämmer inte med varandra.", "The answers do not agree with each other."},
    {"validation.step", "Ange ett värde i steg om {step}.", "Enter a value in steps of {step}."},
    {"validation.type", "Svaret har fel form (väntade {expected}).", "The answer has the wrong form (expected {expected})."},
    {"validation.unknown_item", "Svaret hör inte till någon fråga i formuläret.",
     "This answer does not belong to any question in the form."},
    {"validation.unknown_row", "Svaret gäller en rad som inte finns.", "The answer names a row that does not exist."},
};

const message_row* find_row(std::string_view key) noexcept {
  size_t lo = 0, hi = std::size(kMessages);
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (kMessages[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < std::size(kMessages) && kMessages[lo].key == key ? &kMessages[lo] : nullptr;
}

std::string fill(std::string_view tmpl, std::span<const diag_param> params) {
  std::string out;
  out.reserve(tmpl.size() + 16);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = tmpl.substr(i + 1, close - i - 1);
        for (const auto& p : params) {
          if (p.name == name) {
            out += p.value;
            i = close;
            goto next;
          }
        }
      }
    }
    out += tmpl[i];
  next:;
  }
  return out;
}

std::string_view pick(const message_row& row, std::string_view language) noexcept {
  return language == "en" ? row.en : row.sv;
}

}  // namespace

std::span<const message_row> message_table() noexcept { return kMessages; }

std::string message_text(std::string_view key, std::string_view language, std::span<const diag_param> params) {
  // Most specific first: key + "." + reason.
  for (const auto& p : params) {
    if (p.name == "reason") {
      std::string refined(key);
      refined += '.';
      refined += p.value;
      if (const message_row* row = find_row(refined)) return fill(pick(*row, language), params);
    }
  }
  if (const message_row* row = find_row(key)) return fill(pick(*row, language), params);
  return std::string(key);
}

std::string diagnostic_text(const diagnostic& d, std::string_view language) {
  return message_text(diag_name(d.code), language, d.params);
}

std::string issue_text(const form& f, const issue& i, std::string_view language) {
  if (i.r == rule::form_rule && i.nparams > 0) {  // a form rule's own message
    for (const rule_check& r : f.rules)
      if (r.id == i.params[0].text && !r.message.empty()) return std::string(r.message.in(language, f.default_language()));
  }
  if (i.r != rule::unknown_item && i.item < f.items.size()) {
    if (const text* custom = f.items[i.item].message(i.r)) return std::string(custom->in(language, f.default_language()));
  }
  std::vector<diag_param> params;
  for (uint8_t p = 0; p < i.nparams; ++p) {
    const issue_param& ip = i.params[p];
    params.push_back({std::string(ip.name), ip.text.empty() ? format_number(ip.number) : std::string(ip.text),
                      ip.text.empty()});
  }
  const std::string key = i.r == rule::unknown_item ? std::string(rule_lookup(i.r).message_key) : issue_key(f, i);
  return message_text(key, language, params);
}

}  // namespace blankett
