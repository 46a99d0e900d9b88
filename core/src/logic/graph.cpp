// Building a form's dependency graph: nodes, what each reads, evaluation order, cycles.
#include <algorithm>

#include "blankett/logic.h"

namespace blankett {
namespace {

using kind = logic_graph::kind;

struct builder {
  const form& f;
  std::vector<logic_graph::node> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> edges;  // (reader, what it reads), creation order
  std::vector<int32_t> program_of;                   // the node's main program, for cycle reports

  uint32_t add(kind k, uint32_t a, uint32_t b = 0, int32_t program = -1) {
    nodes.push_back({k, a, b});
    program_of.push_back(program);
    return static_cast<uint32_t>(nodes.size() - 1);
  }
  void read(uint32_t node, uint32_t dep) { edges.emplace_back(node, dep); }
};

}  // namespace

std::shared_ptr<const logic_graph> build_logic_graph(const form& f, std::vector<logic_cycle>& cycles) {
  auto g = std::make_shared<logic_graph>();
  builder b{f, {}, {}, {}};
  b.nodes.reserve(f.items.size() * 4 + f.pages.size() * 2 + 64);
  b.edges.reserve(f.items.size() * 8 + 64);
  const auto n_items = static_cast<uint32_t>(f.items.size());
  const auto n_pages = static_cast<uint32_t>(f.pages.size());
  g->item_value.assign(n_items, kNoNode);
  g->item_visible.assign(n_items, kNoNode);
  g->item_required.assign(n_items, kNoNode);
  g->item_check.assign(n_items, kNoNode);
  g->page_path.assign(n_pages, kNoNode);
  g->page_visible.assign(n_pages, kNoNode);

  // 1. Nodes (creation order; sorted below).
  for (uint32_t p = 0; p < n_pages; ++p) {
    g->page_path[p] = b.add(kind::page_path, p);
    g->page_visible[p] = b.add(kind::page_visible, p, 0, f.pages[p].visible_if);
  }
  for (uint32_t i = 0; i < n_items; ++i) {
    const item& it = f.items[i];
    g->item_visible[i] = b.add(kind::item_visible, i, 0, it.visible_if);
    g->item_check[i] = b.add(kind::item_check, i);  // display items and groups too: not answerable
    if (type_info(it.type).value == value_kind::none) continue;
    g->item_value[i] = b.add(kind::item_value, i);
    // Without required_if, mandatory is "visible and mandatory": item_check works it out itself.
    if (it.required_if >= 0) g->item_required[i] = b.add(kind::item_required, i, 0, it.required_if);
  }
  g->calculation.resize(f.calculations.size());
  g->link_offset.push_back(0);
  for (uint32_t c = 0; c < f.calculations.size(); ++c) {
    g->calculation[c] = b.add(kind::calculation, c, 0, f.calculations[c].formula);
    for (uint32_t l = 0; l < f.calculations[c].links.size(); ++l)
      g->link_node.push_back(b.add(kind::link, c, l, f.calculations[c].links[l].when));
    g->link_offset.push_back(static_cast<uint32_t>(g->link_node.size()));
  }
  g->score.resize(f.scores.size());
  g->band_offset.push_back(0);
  for (uint32_t s = 0; s < f.scores.size(); ++s) {
    g->score[s] = b.add(kind::score, s);
    for (uint32_t t = 0; t < f.scores[s].bands.size(); ++t)
      g->band_node.push_back(b.add(kind::band, s, t, f.scores[s].bands[t].sex));
    g->band_offset.push_back(static_cast<uint32_t>(g->band_node.size()));
  }
  g->alert.resize(f.alerts.size());
  for (uint32_t a = 0; a < f.alerts.size(); ++a) g->alert[a] = b.add(kind::alert, a, 0, f.alerts[a].when);
  g->rule.resize(f.rules.size());
  for (uint32_t r = 0; r < f.rules.size(); ++r) g->rule[r] = b.add(kind::rule, r, 0, f.rules[r].check);
  g->axis_offset.push_back(0);
  for (uint32_t p = 0; p < f.profiles.size(); ++p) {
    for (uint32_t x = 0; x < f.profiles[p].axes.size(); ++x)
      g->axis_node.push_back(b.add(kind::axis, p, x, f.profiles[p].axes[x].value));
    g->axis_offset.push_back(static_cast<uint32_t>(g->axis_node.size()));
  }

  // 2. What each node reads.
  auto read_program = [&](uint32_t node, int32_t program) {
    if (program < 0) return;
    for (const ref& r : f.programs[static_cast<size_t>(program)].refs) {
      uint32_t dep = kNoNode;
      switch (r.kind) {
        case ref_kind::item: dep = g->item_value[r.index]; break;
        case ref_kind::calculation: dep = g->calculation[r.index]; break;
        case ref_kind::score: dep = g->score[r.index]; break;
      }
      if (dep != kNoNode) b.read(node, dep);
    }
  };
  // Pages: on the path after the page before it (by its routing) or after any page routing to it.
  for (uint32_t p = 1; p < n_pages; ++p) {
    auto from = [&](uint32_t q) {
      b.read(g->page_path[p], g->page_path[q]);
      for (const route_rule& r : f.pages[q].next) read_program(g->page_path[p], r.when);
    };
    from(p - 1);
    for (uint32_t q = 0; q + 1 < p; ++q) {
      bool targets = false;
      for (const route_rule& r : f.pages[q].next) targets |= r.target == static_cast<int32_t>(p);
      if (targets) from(q);
    }
  }
  for (uint32_t p = 0; p < n_pages; ++p) {
    b.read(g->page_visible[p], g->page_path[p]);
    read_program(g->page_visible[p], f.pages[p].visible_if);
  }
  for (uint32_t i = 0; i < n_items; ++i) {
    const item& it = f.items[i];
    const uint32_t vis = g->item_visible[i];
    if (it.parent >= 0) b.read(vis, g->item_visible[static_cast<size_t>(it.parent)]);
    else if (it.page != kNoPage) b.read(vis, g->page_visible[it.page]);
    read_program(vis, it.visible_if);
    b.read(g->item_check[i], vis);
    if (g->item_value[i] == kNoNode) continue;
    b.read(g->item_value[i], vis);
    if (g->item_required[i] == kNoNode) continue;
    b.read(g->item_required[i], vis);
    read_program(g->item_required[i], it.required_if);
    b.read(g->item_check[i], g->item_required[i]);
  }
  for (uint32_t c = 0; c < f.calculations.size(); ++c) {
    read_program(g->calculation[c], f.calculations[c].formula);
    for (uint32_t l = 0; l < f.calculations[c].links.size(); ++l)
      read_program(g->link_node[g->link_offset[c] + l], f.calculations[c].links[l].when);
  }
  for (uint32_t s = 0; s < f.scores.size(); ++s) {
    for (uint32_t it : f.scores[s].items) {
      b.read(g->score[s], g->item_value[it]);
      b.read(g->score[s], g->item_visible[it]);  // skipped or missing
    }
    for (uint32_t t = 0; t < f.scores[s].bands.size(); ++t) {
      const uint32_t band = g->band_node[g->band_offset[s] + t];
      b.read(band, g->score[s]);
      read_program(band, f.scores[s].bands[t].sex);
    }
  }
  for (uint32_t a = 0; a < f.alerts.size(); ++a) read_program(g->alert[a], f.alerts[a].when);
  for (uint32_t r = 0; r < f.rules.size(); ++r) {
    read_program(g->rule[r], f.rules[r].check);
    if (!f.rules[r].items.empty()) b.read(g->rule[r], g->item_visible[f.rules[r].items[0]]);
  }
  for (uint32_t p = 0; p < f.profiles.size(); ++p)
    for (uint32_t x = 0; x < f.profiles[p].axes.size(); ++x)
      read_program(g->axis_node[g->axis_offset[p] + x], f.profiles[p].axes[x].value);

  // 3. Evaluation order (Kahn); what is left over sits on a cycle. Edges as compressed rows, both
  // ways: what each node reads, and who reads each node (flat arrays, not a vector per node).
  const size_t n = b.nodes.size();
  std::sort(b.edges.begin(), b.edges.end());
  b.edges.erase(std::unique(b.edges.begin(), b.edges.end()), b.edges.end());
  std::vector<uint32_t> read_first(n + 1, 0), reader_first(n + 1, 0);
  for (const auto& [reader, dep] : b.edges) {
    ++read_first[reader + 1];
    ++reader_first[dep + 1];
  }
  for (size_t v = 0; v < n; ++v) {
    read_first[v + 1] += read_first[v];
    reader_first[v + 1] += reader_first[v];
  }
  std::vector<uint32_t> reads(b.edges.size()), readers(b.edges.size());
  {
    std::vector<uint32_t> at(reader_first.begin(), reader_first.end() - 1);
    for (size_t e = 0; e < b.edges.size(); ++e) {
      reads[e] = b.edges[e].second;  // edges are sorted by reader: reads fall in place
      readers[at[b.edges[e].second]++] = b.edges[e].first;
    }
  }
  std::vector<uint32_t> pending(n, 0);
  for (uint32_t v = 0; v < n; ++v) pending[v] = read_first[v + 1] - read_first[v];
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t v = 0; v < n; ++v)
    if (pending[v] == 0) order.push_back(v);
  for (size_t k = 0; k < order.size(); ++k)
    for (uint32_t r = reader_first[order[k]]; r < reader_first[order[k] + 1]; ++r)
      if (--pending[readers[r]] == 0) order.push_back(readers[r]);

  if (order.size() != n) {
    // Walk back along unfinished reads from an unfinished node until a node repeats: that is a cycle.
    auto id_of = [&](uint32_t v) -> std::string {
      const auto& nd = b.nodes[v];
      switch (nd.k) {
        case kind::item_value:
        case kind::item_visible:
        case kind::item_required:
        case kind::item_check: return f.items[nd.a].id;
        case kind::page_path:
        case kind::page_visible: return f.pages[nd.a].id;
        case kind::calculation: return f.calculations[nd.a].id;
        case kind::link: return f.calculations[nd.a].links[nd.b].id;
        case kind::score:
        case kind::band: return f.scores[nd.a].id;
        case kind::alert: return f.alerts[nd.a].id;
        case kind::rule: return f.rules[nd.a].id;
        case kind::axis: return f.profiles[nd.a].axes[nd.b].id;
      }
      return {};
    };
    std::vector<bool> reported(n, false);
    for (uint32_t start = 0; start < n; ++start) {
      if (pending[start] == 0 || reported[start]) continue;
      std::vector<uint32_t> path;
      std::vector<int32_t> at(n, -1);
      uint32_t v = start;
      while (at[v] < 0) {
        at[v] = static_cast<int32_t>(path.size());
        path.push_back(v);
        uint32_t next = kNoNode;
        for (uint32_t r = read_first[v]; r < read_first[v + 1]; ++r)
          if (pending[reads[r]] != 0) next = reads[r];
        if (next == kNoNode) break;
        v = next;
      }
      if (at[v] < 0 || reported[v]) continue;
      logic_cycle c;
      for (size_t k = static_cast<size_t>(at[v]); k < path.size(); ++k) {
        reported[path[k]] = true;
        const std::string id = id_of(path[k]);
        if (c.ids.empty() || c.ids.back() != id) c.ids.push_back(id);
        if (c.program < 0) c.program = b.program_of[path[k]];
      }
      if (c.ids.size() > 1 && c.ids.front() == c.ids.back()) c.ids.pop_back();
      // Name the cycle from its smallest id so that reports are stable.
      auto first = std::min_element(c.ids.begin(), c.ids.end());
      std::rotate(c.ids.begin(), first, c.ids.end());
      cycles.push_back(std::move(c));
    }
    return nullptr;
  }

  // 4. Renumber in evaluation order; dependents as compressed rows.
  std::vector<uint32_t> position(n);
  for (uint32_t k = 0; k < n; ++k) position[order[k]] = k;
  g->nodes.resize(n);
  for (uint32_t k = 0; k < n; ++k) g->nodes[k] = b.nodes[order[k]];
  g->first_dependent.assign(n + 1, 0);
  for (uint32_t v = 0; v < n; ++v) g->first_dependent[position[v] + 1] = reader_first[v + 1] - reader_first[v];
  for (size_t k = 0; k < n; ++k) g->first_dependent[k + 1] += g->first_dependent[k];
  g->dependents.resize(g->first_dependent[n]);
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t at = g->first_dependent[position[v]];
    for (uint32_t r = reader_first[v]; r < reader_first[v + 1]; ++r) g->dependents[at + (r - reader_first[v])] = position[readers[r]];
    std::sort(g->dependents.begin() + at, g->dependents.begin() + at + (reader_first[v + 1] - reader_first[v]));
  }
  auto remap = [&](std::vector<uint32_t>& v) {
    for (auto& x : v)
      if (x != kNoNode) x = position[x];
  };
  remap(g->item_value);
  remap(g->item_visible);
  remap(g->item_required);
  remap(g->item_check);
  remap(g->page_path);
  remap(g->page_visible);
  remap(g->calculation);
  remap(g->score);
  remap(g->alert);
  remap(g->rule);
  remap(g->link_node);
  remap(g->band_node);
  remap(g->axis_node);
  return g;
}

}  // namespace blankett
