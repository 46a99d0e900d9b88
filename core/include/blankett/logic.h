// Form logic at run time: the dependency graph and the evaluation (full or incremental).
//
// A loaded form carries a logic_graph: every value that can change (an item's effective value,
// visibility, mandatory, its issues; pages on the path; calculations, links, scores, bands, alerts,
// rules, star-profile axes) is a node, ordered so that each node comes after what it reads.
// An `evaluation` holds the state of one form instance: answers, then every node's value. evaluate()
// computes all nodes from an answer document (what the server does on submit); set_answer() changes
// one answer and re-evaluates only the nodes that depend on it, reporting which changed (what the
// browser and the designer do while the citizen types). Both end in the same state (tested).
// An evaluation is not thread-safe; it may be reused for other documents of the same form.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/answers.h"
#include "blankett/expr.h"
#include "blankett/form.h"
#include "blankett/pnr.h"
#include "blankett/validate.h"

namespace blankett {

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct logic_graph {
  enum class kind : uint8_t {
    item_value,     // a: item. Its answer while visible, else null.
    page_path,      // a: page. On the citizen's path (routing).
    page_visible,   // a: page. On the path and its visible_if holds.
    item_visible,   // a: item. Its visible_if holds and its page or group is visible.
    item_required,  // a: item with required_if. Visible and (mandatory or required_if).
    item_check,     // a: item. The issues of its answer.
    calculation,    // a: calculation.
    link,           // a: calculation, b: link.
    score,          // a: score.
    band,           // a: score, b: band table.
    alert,          // a: alert.
    rule,           // a: rule.
    axis,           // a: profile, b: axis.
  };
  struct node {
    kind k;
    uint32_t a = 0, b = 0;
  };
  std::vector<node> nodes;                 // in evaluation order
  std::vector<uint32_t> first_dependent;   // nodes.size() + 1 offsets into `dependents`
  std::vector<uint32_t> dependents;        // who reads each node
  // Node of each thing, kNoNode when it has none.
  std::vector<uint32_t> item_value, item_visible, item_required, item_check;  // per item
  std::vector<uint32_t> page_path, page_visible;                             // per page
  std::vector<uint32_t> calculation, score, alert, rule;
  // Links of calculation c: link_node[link_offset[c] + l]; bands and axes the same way.
  std::vector<uint32_t> link_offset, link_node, band_offset, band_node, axis_offset, axis_node;
};

// A dependency cycle found while building the graph: the ids in it, and the program where the first
// one reads the next (for the diagnostic's place).
struct logic_cycle {
  std::vector<std::string> ids;
  int32_t program = -1;
};

// Builds the graph of a form whose expressions have compiled; cycles are returned, not asserted.
std::shared_ptr<const logic_graph> build_logic_graph(const form& f, std::vector<logic_cycle>& cycles);

struct evaluation_options {
  civil_date today{};                  // today() and ages
  std::optional<pnr> subject;          // the person the form is about (subject_sex(), subject_age())
  bool mandatory = true;               // false: a draft, no mandatory issues
  int32_t page = -1;                   // >= 0: issues only for the items (and rules) on this page
};

class evaluation {
 public:
  explicit evaluation(const form& f);
  ~evaluation();
  evaluation(evaluation&&) noexcept;
  evaluation& operator=(evaluation&&) = delete;

  const form& form_def() const noexcept;
  void set_options(const evaluation_options& o);

  // Full evaluation from an answer document read for this form (the document must outlive the
  // evaluation's use of it, or be replaced by the next evaluate()). meta.subject, when the options
  // have no subject, is taken from the document.
  void evaluate(const answer_document& doc);

  // Incremental: set one answer from its JSON text (`null` clears it) and re-evaluate what depends
  // on it. Returns the nodes whose values changed, in evaluation order (valid until the next call).
  // A value that cannot be read is kept as such (its item gets a type/format issue).
  std::span<const uint32_t> set_answer(uint32_t item, std::string_view json_value);

  // State.
  bool visible(uint32_t item) const;
  bool required(uint32_t item) const;
  bool on_path(uint32_t page) const;
  bool page_visible(uint32_t page) const;
  const answer_document& answers() const;

  // The result contract (issues, calculations, scores, profiles, alerts, routes) of the current state.
  void result(validation_result& out) const;

 private:
  std::unique_ptr<struct evaluation_state> s_;
};

}  // namespace blankett
