#include "dyad/learn/brown_clusters.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "dyad/core/status.h"

namespace dyad::learn {
namespace {

using Count = int64_t;
using WordId = uint32_t;

// A fixed set of threads that run one function together and wait for each other; starting
// threads per merge would cost more than the merge itself.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) : size_(threads) {
    for (int t = 1; t < threads; ++t) {
      workers_.emplace_back([this, t] { Loop(t); });
    }
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      ++generation_;
    }
    start_.notify_all();
    for (std::thread& w : workers_) {
      w.join();
    }
  }
  int size() const { return size_; }

  // Calls fn(t) for every t in [0, size()), t = 0 on the calling thread, and returns when all
  // calls have returned.
  void Run(const std::function<void(int)>& fn) {
    if (size_ == 1) {
      fn(0);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      fn_ = &fn;
      pending_ = size_ - 1;
      ++generation_;
    }
    start_.notify_all();
    fn(0);
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  void Loop(int t) {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void(int)>* fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        start_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stop_) {
          return;
        }
        fn = fn_;
      }
      (*fn)(t);
      std::lock_guard<std::mutex> lock(mu_);
      if (--pending_ == 0) {
        done_.notify_one();
      }
    }
  }

  const int size_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  const std::function<void(int)>* fn_ = nullptr;
  uint64_t generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
};

double SafeLog(Count x) { return x > 0 ? std::log(static_cast<double>(x)) : 0.0; }

// The active clusters of the windowed algorithm and the loss table L2 of Liang's thesis.
//
// Counts are kept as integers and the average mutual information of the class bigram model is
// handled in units of N * AMI (N = number of bigrams), with each term
//   q(x, y) = n(x,y) log n(x,y) - n(x,y) (log left(x) + log right(y)),
// where left/right are the cluster's bigram marginals over the whole corpus (so they do not
// depend on which words are active yet) and the constant n log N parts cancel in every loss.
// loss(a, b) = (terms involving a or b) - (terms involving a+b), summed over active clusters only.
// Both updates below are exact rewrites of that definition in which most terms cancel:
//  - when a word w joins, loss(a, b) changes only if a or b has a bigram with w;
//  - when i and j merge, loss(a, b) += F(a) + F(b) - F(a+b), where F(x) collects the
//    n log n terms of x's bigrams with i and j, and no marginal appears at all.
// Each pair's value is computed by the same arithmetic whichever thread computes it, so the
// result does not depend on the thread count.
class ActiveClusters {
 public:
  ActiveClusters(int slots, Count max_count, WorkerPool* pool)
      : s_(slots),
        pool_(pool),
        n_(static_cast<size_t>(slots) * slots, 0),
        nt_(n_.size(), 0),
        phi_n_(n_.size(), 0.0),
        phi_nt_(n_.size(), 0.0),
        loss_(n_.size(), 0.0),
        log_left_pair_(n_.size(), 0.0),
        log_right_pair_(n_.size(), 0.0),
        left_(slots, 0),
        right_(slots, 0),
        log_left_(slots, 0.0),
        log_right_(slots, 0.0),
        row_sum_(slots, 0),
        col_sum_(slots, 0),
        mark_(slots, 0) {
    phi_.resize(static_cast<size_t>(std::min<Count>(max_count, Count{1} << 18)) + 1);
    for (size_t c = 1; c < phi_.size(); ++c) {
      phi_[c] = static_cast<double>(c) * std::log(static_cast<double>(c));
    }
  }

  int num_active() const { return static_cast<int>(active_.size()); }
  const std::vector<int>& active() const { return active_; }

  // Makes the free `slot` a cluster of one word with bigram counts to_new[d] (d -> word) and
  // from_new[d] (word -> d) for the active slots listed in `touched` (zero elsewhere), `self`
  // (word -> word) and whole-corpus marginals `left` and `right`.
  void Add(int slot, const std::vector<Count>& to_new, const std::vector<Count>& from_new,
           const std::vector<int>& touched, Count self, Count left, Count right) {
    const int w = slot;
    Count row = self, col = self;
    for (int d : touched) {
      SetCount(w, d, from_new[d]);
      SetCount(d, w, to_new[d]);
      row_sum_[d] += to_new[d];
      col_sum_[d] += from_new[d];
      row += from_new[d];
      col += to_new[d];
    }
    SetCount(w, w, self);
    row_sum_[w] = row;
    col_sum_[w] = col;
    left_[w] = left;
    right_[w] = right;
    log_left_[w] = SafeLog(left);
    log_right_[w] = SafeLog(right);

    // Pairs of old clusters gain the terms with w; only pairs with a neighbour of w change.
    for (int d : touched) {
      mark_[d] = 1;
    }
    ParallelOver(touched.size(), touched.size() * active_.size(), [&](size_t k) {
      const int a = touched[k];
      const Count aw = n_[Index(a, w)], wa = n_[Index(w, a)];
      for (int b : active_) {
        if (b == a || (mark_[b] && b < a)) {
          continue;
        }
        const Count bw = n_[Index(b, w)], wb = n_[Index(w, b)];
        const size_t p = PairIndex(a, b);
        const double ll = log_left_pair_[p], lr = log_right_pair_[p];
        loss_[p] += static_cast<double>(aw) * (ll - log_left_[a]) +
                    static_cast<double>(bw) * (ll - log_left_[b]) +
                    static_cast<double>(wa) * (lr - log_right_[a]) +
                    static_cast<double>(wb) * (lr - log_right_[b]) - Mix(aw, bw) - Mix(wa, wb);
      }
    });
    for (int d : touched) {
      mark_[d] = 0;
    }

    const size_t old = active_.size();
    ParallelOver(old, old * (touched.size() + 1), [&](size_t k) {
      const int a = active_[k];
      const size_t p = PairIndex(a, w);
      log_left_pair_[p] = SafeLog(left_[a] + left_[w]);
      log_right_pair_[p] = SafeLog(right_[a] + right_[w]);
      loss_[p] = FreshLoss(a, w, touched);
    });
    active_.insert(std::upper_bound(active_.begin(), active_.end(), w), w);
  }

  // The active pair (i < j) whose merge loses the least mutual information; ties go to the
  // smallest (i, j). Serial: the scan is shorter than waking the workers.
  std::pair<int, int> Best() const {
    double best = std::numeric_limits<double>::infinity();
    std::pair<int, int> pair(-1, -1);
    const size_t m = active_.size();
    for (size_t k = 0; k < m; ++k) {
      const double* row = &loss_[Index(active_[k], 0)];
      for (size_t l = k + 1; l < m; ++l) {
        if (row[active_[l]] < best) {
          best = row[active_[l]];
          pair = {active_[k], active_[l]};
        }
      }
    }
    DYAD_CHECK(pair.first >= 0);  // at least two active clusters, losses finite
    return pair;
  }

  // Merges active cluster j into i (i < j); slot j becomes free.
  void Merge(int i, int j) {
    // Pairs not involving i or j, in active order (so slot[k] < slot[l] for k < l).
    std::vector<int>& slot = scratch_slot_;
    slot.clear();
    for (int x : active_) {
      if (x != i && x != j) {
        slot.push_back(x);
      }
    }
    const size_t m = slot.size();
    ci_.resize(m);
    cj_.resize(m);
    ri_.resize(m);
    rj_.resize(m);
    f_.resize(m);
    for (size_t k = 0; k < m; ++k) {
      const int x = slot[k];
      ci_[k] = n_[Index(x, i)];
      cj_[k] = n_[Index(x, j)];
      ri_[k] = n_[Index(i, x)];
      rj_[k] = n_[Index(j, x)];
      f_[k] = Mix(ci_[k], cj_[k]) + Mix(ri_[k], rj_[k]);
    }
    // The change to loss(a, b) is exactly 0 unless a or b has a bigram with i, and likewise with
    // j; so when one of the two (typically the word that just joined) has few neighbours, only
    // pairs with one of those neighbours are visited.
    std::vector<size_t>& near_i = scratch_near_i_;
    std::vector<size_t>& near_j = scratch_near_j_;
    near_i.clear();
    near_j.clear();
    for (size_t k = 0; k < m; ++k) {
      if (ci_[k] != 0 || ri_[k] != 0) {
        near_i.push_back(k);
      }
      if (cj_[k] != 0 || rj_[k] != 0) {
        near_j.push_back(k);
      }
    }
    const std::vector<size_t>& sparse = near_i.size() < near_j.size() ? near_i : near_j;
    auto update = [&](size_t k, size_t l) {  // k < l
      loss_[Index(slot[k], slot[l])] += f_[k] + f_[l] - Mix(ci_[k] + ci_[l], cj_[k] + cj_[l]) -
                                        Mix(ri_[k] + ri_[l], rj_[k] + rj_[l]);
    };
    if (2 * sparse.size() > m) {
      ParallelOver(m, m * m / 2, [&](size_t k) {
        for (size_t l = k + 1; l < m; ++l) {
          update(k, l);
        }
      });
    } else {
      position_mark_.assign(m, 0);
      for (size_t k : sparse) {
        position_mark_[k] = 1;
      }
      ParallelOver(sparse.size(), sparse.size() * m, [&](size_t q) {
        const size_t k = sparse[q];
        for (size_t l = 0; l < m; ++l) {
          if (l == k || (position_mark_[l] && l < k)) {
            continue;
          }
          k < l ? update(k, l) : update(l, k);
        }
      });
    }

    for (int d : slot) {
      SetCount(i, d, n_[Index(i, d)] + n_[Index(j, d)]);
      SetCount(d, i, n_[Index(d, i)] + n_[Index(d, j)]);
    }
    SetCount(i, i, n_[Index(i, i)] + n_[Index(i, j)] + n_[Index(j, i)] + n_[Index(j, j)]);
    for (int d = 0; d < s_; ++d) {
      SetCount(j, d, 0);
      SetCount(d, j, 0);
    }
    left_[i] += left_[j];
    right_[i] += right_[j];
    log_left_[i] = SafeLog(left_[i]);
    log_right_[i] = SafeLog(right_[i]);
    row_sum_[i] += row_sum_[j];
    col_sum_[i] += col_sum_[j];
    left_[j] = right_[j] = row_sum_[j] = col_sum_[j] = 0;
    log_left_[j] = log_right_[j] = 0;
    active_.erase(std::find(active_.begin(), active_.end(), j));

    // Only clusters with a bigram with the merged one add n log n terms to its losses.
    std::vector<int>& near = scratch_near_;
    near.clear();
    for (int d : slot) {
      if (n_[Index(i, d)] != 0 || n_[Index(d, i)] != 0) {
        near.push_back(d);
      }
    }
    ParallelOver(m, m * (near.size() + 1), [&](size_t k) {
      const int b = slot[k];
      const size_t p = PairIndex(i, b);
      log_left_pair_[p] = SafeLog(left_[i] + left_[b]);
      log_right_pair_[p] = SafeLog(right_[i] + right_[b]);
      loss_[p] = FreshLoss(i, b, near);
    });
  }

 private:
  // Below this many inner-loop steps a parallel section costs more in wake-ups than it saves.
  static constexpr size_t kParallelWork = 16384;

  size_t Index(int x, int y) const { return static_cast<size_t>(x) * s_ + y; }
  size_t PairIndex(int a, int b) const { return a < b ? Index(a, b) : Index(b, a); }

  double Phi(Count c) const {
    return static_cast<size_t>(c) < phi_.size()
               ? phi_[c]
               : static_cast<double>(c) * std::log(static_cast<double>(c));
  }
  // What joining x and y bigrams into x + y adds in n log n terms (0 when either is 0).
  double Mix(Count x, Count y) const {
    return (x == 0 || y == 0) ? 0.0 : Phi(x + y) - Phi(x) - Phi(y);
  }
  double Q(int x, int y) const {
    const Count c = n_[Index(x, y)];
    return c == 0 ? 0.0
                  : phi_n_[Index(x, y)] - static_cast<double>(c) * (log_left_[x] + log_right_[y]);
  }
  void SetCount(int x, int y, Count c) {
    n_[Index(x, y)] = nt_[Index(y, x)] = c;
    phi_n_[Index(x, y)] = phi_nt_[Index(y, x)] = Phi(c);
  }

  // loss(a, b) from the counts; `near` must list every active d (other than a, b) with a bigram
  // with b (or with a: either suffices, since a term needs both).
  double FreshLoss(int a, int b, const std::vector<int>& near) const {
    const Count* ra = &n_[Index(a, 0)];
    const Count* rb = &n_[Index(b, 0)];
    const Count* ca = &nt_[Index(a, 0)];
    const Count* cb = &nt_[Index(b, 0)];
    const double* phi_ra = &phi_n_[Index(a, 0)];
    const double* phi_rb = &phi_n_[Index(b, 0)];
    const double* phi_ca = &phi_nt_[Index(a, 0)];
    const double* phi_cb = &phi_nt_[Index(b, 0)];
    double mix = 0;
    // Branch-free: a term with a zero count is exactly 0 anyway, and zero patterns are too
    // irregular for branch prediction (testing them made this loop 3x slower).
    for (int d : near) {
      if (d == a || d == b) {
        continue;
      }
      mix += (Phi(ra[d] + rb[d]) - phi_ra[d] - phi_rb[d]) +
             (Phi(ca[d] + cb[d]) - phi_ca[d] - phi_cb[d]);
    }
    const size_t p = PairIndex(a, b);
    const double ll = log_left_pair_[p], lr = log_right_pair_[p];
    const Count aa = ra[a], ab = ra[b], ba = rb[a], bb = rb[b];
    double s = -mix;
    s += static_cast<double>(row_sum_[a] - aa - ab) * (ll - log_left_[a]) +
         static_cast<double>(row_sum_[b] - ba - bb) * (ll - log_left_[b]) +
         static_cast<double>(col_sum_[a] - aa - ba) * (lr - log_right_[a]) +
         static_cast<double>(col_sum_[b] - ab - bb) * (lr - log_right_[b]);
    s += Q(a, a) + Q(a, b) + Q(b, a) + Q(b, b);
    const Count t = aa + ab + ba + bb;
    if (t != 0) {
      s -= Phi(t) - static_cast<double>(t) * (ll + lr);
    }
    return s;
  }

  // Calls fn(k) for k in [0, n), spread over the pool when `work` is large enough.
  template <typename Fn>
  void ParallelOver(size_t n, size_t work, const Fn& fn) {
    if (pool_->size() == 1 || work < kParallelWork || n < 2) {
      for (size_t k = 0; k < n; ++k) {
        fn(k);
      }
      return;
    }
    const size_t threads = pool_->size();
    pool_->Run([&](int t) {
      for (size_t k = t; k < n; k += threads) {
        fn(k);
      }
    });
  }

  const int s_;
  WorkerPool* pool_;
  std::vector<Count> n_;                // n_[x*s_+y]: bigrams from cluster x to cluster y
  std::vector<Count> nt_;               // its transpose, so columns read as rows
  std::vector<double> phi_n_, phi_nt_;  // Phi() of each entry of n_ and nt_
  std::vector<double> loss_;            // loss_[a*s_+b], a < b: N * AMI lost by merging a and b
  std::vector<double> log_left_pair_;   // [a*s_+b], a < b: log(left[a] + left[b])
  std::vector<double> log_right_pair_;
  std::vector<Count> left_, right_;  // whole-corpus bigram marginals of each cluster
  std::vector<double> log_left_, log_right_;
  std::vector<Count> row_sum_, col_sum_;  // bigram counts with active clusters only
  std::vector<char> mark_;
  std::vector<int> active_;  // ascending slots
  std::vector<double> phi_;  // c log c for small c
  std::vector<int> scratch_slot_, scratch_near_;
  std::vector<size_t> scratch_near_i_, scratch_near_j_;
  std::vector<char> position_mark_;
  std::vector<Count> ci_, cj_, ri_, rj_;
  std::vector<double> f_;
};

// A word's bigrams with one more frequent word (`other` < the word's id).
struct Neighbour {
  WordId other;
  Count to;    // other -> word
  Count from;  // word -> other
};

WordId Find(std::vector<WordId>& parent, WordId w) {
  WordId r = w;
  while (parent[r] != r) {
    r = parent[r];
  }
  while (parent[w] != r) {
    WordId next = parent[w];
    parent[w] = r;
    w = next;
  }
  return r;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> BrownClusters(
    const std::vector<std::vector<std::string>>& corpus, const BrownOptions& o) {
  const int c = std::max(1, o.clusters);
  const Count min_count = std::max(1, o.min_count);

  // Vocabulary: by decreasing frequency, ties by the bytes of the word.
  std::unordered_map<std::string_view, Count> freq;
  size_t tokens = 0;
  for (const auto& sentence : corpus) {
    tokens += sentence.size();
    for (const std::string& token : sentence) {
      ++freq[token];
    }
  }
  std::vector<std::pair<Count, std::string_view>> vocab;
  for (const auto& [word, n] : freq) {
    if (n >= min_count) {
      vocab.emplace_back(n, word);
    }
  }
  freq.clear();
  std::sort(vocab.begin(), vocab.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  const WordId v = static_cast<WordId>(vocab.size());
  if (v == 0) {
    return {};
  }
  std::unordered_map<std::string_view, WordId> id;
  id.reserve(v);
  for (WordId w = 0; w < v; ++w) {
    id.emplace(vocab[w].second, w);
  }

  // Bigram counts between clustered words; unclustered tokens break the chain.
  constexpr WordId kNone = std::numeric_limits<WordId>::max();
  std::vector<uint64_t> keys;
  keys.reserve(tokens);
  std::vector<Count> left(v, 0), right(v, 0);
  for (const auto& sentence : corpus) {
    WordId prev = kNone;
    for (const std::string& token : sentence) {
      auto it = id.find(token);
      const WordId cur = it == id.end() ? kNone : it->second;
      if (prev != kNone && cur != kNone) {
        keys.push_back(uint64_t{prev} << 32 | cur);
        ++left[prev];
        ++right[cur];
      }
      prev = cur;
    }
  }
  id.clear();
  std::sort(keys.begin(), keys.end());
  Count max_count = 1;
  std::vector<Count> self(v, 0);
  std::vector<std::pair<WordId, Neighbour>> edges;  // (word, neighbour), the neighbour is older
  for (size_t k = 0; k < keys.size();) {
    size_t e = k;
    while (e < keys.size() && keys[e] == keys[k]) {
      ++e;
    }
    const Count n = static_cast<Count>(e - k);
    const WordId x = static_cast<WordId>(keys[k] >> 32), y = static_cast<WordId>(keys[k]);
    max_count = std::max(max_count, n);
    if (x == y) {
      self[x] += n;
    } else if (x > y) {
      edges.push_back({x, Neighbour{y, 0, n}});
    } else {
      edges.push_back({y, Neighbour{x, n, 0}});
    }
    k = e;
  }
  max_count = std::max<Count>(max_count, static_cast<Count>(keys.size()));
  keys.clear();
  keys.shrink_to_fit();
  std::sort(edges.begin(), edges.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.other < y.second.other;
  });
  std::vector<size_t> begin(static_cast<size_t>(v) + 1, 0);
  std::vector<Neighbour> adj;
  adj.reserve(edges.size());
  WordId last = kNone;
  for (const auto& [word, nb] : edges) {
    if (word == last && adj.back().other == nb.other) {  // both directions of one word pair
      adj.back().to += nb.to;
      adj.back().from += nb.from;
      continue;
    }
    adj.push_back(nb);
    ++begin[word + 1];
    last = word;
  }
  edges.clear();
  edges.shrink_to_fit();
  for (WordId w = 0; w < v; ++w) {
    begin[w + 1] += begin[w];
  }

  const int slots = static_cast<int>(std::min<WordId>(v, static_cast<WordId>(c))) + 1;
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());
  WorkerPool pool(std::clamp(o.threads, 1, std::max(1, hardware)));
  ActiveClusters clusters(slots, max_count, &pool);

  // Phase 1: add words in frequency order, merging once the window holds C + 1 clusters.
  std::vector<WordId> parent(v), size(v, 1);
  std::vector<int> slot_of_root(v, -1);
  std::vector<WordId> root_of_slot(slots, kNone);
  std::vector<Count> to_new(slots, 0), from_new(slots, 0);
  std::vector<int> touched;
  int free_slot = 0;
  for (WordId w = 0; w < v; ++w) {
    parent[w] = w;
    touched.clear();
    for (size_t k = begin[w]; k < begin[w + 1]; ++k) {
      const int d = slot_of_root[Find(parent, adj[k].other)];
      if (to_new[d] == 0 && from_new[d] == 0) {
        touched.push_back(d);
      }
      to_new[d] += adj[k].to;
      from_new[d] += adj[k].from;
    }
    std::sort(touched.begin(), touched.end());
    const int s = free_slot;
    clusters.Add(s, to_new, from_new, touched, self[w], left[w], right[w]);
    for (int d : touched) {
      to_new[d] = from_new[d] = 0;
    }
    root_of_slot[s] = w;
    slot_of_root[w] = s;
    if (clusters.num_active() < slots) {
      ++free_slot;
      continue;
    }
    const auto [i, j] = clusters.Best();
    clusters.Merge(i, j);
    WordId ri = root_of_slot[i], rj = root_of_slot[j];
    if (size[ri] < size[rj]) {
      std::swap(ri, rj);
    }
    parent[rj] = ri;
    size[ri] += size[rj];
    root_of_slot[i] = ri;
    slot_of_root[ri] = i;
    root_of_slot[j] = kNone;
    free_slot = j;
  }

  // Phase 2: merge the remaining clusters down to one, recording the tree. Nodes are numbered
  // leaves first, so a parent always has a larger number than its children.
  std::vector<int> node_of_slot(slots, -1);
  std::vector<std::pair<int, int>> children;  // of node leaves + k, for merge k
  int leaves = 0;
  for (int s : clusters.active()) {
    node_of_slot[s] = leaves++;
  }
  std::vector<int> leaf_of_word(v);
  for (WordId w = 0; w < v; ++w) {
    leaf_of_word[w] = node_of_slot[slot_of_root[Find(parent, w)]];
  }
  while (clusters.num_active() > 1) {
    const auto [i, j] = clusters.Best();
    clusters.Merge(i, j);
    children.emplace_back(node_of_slot[i], node_of_slot[j]);
    node_of_slot[i] = leaves + static_cast<int>(children.size()) - 1;
  }
  const int nodes = leaves + static_cast<int>(children.size());
  std::vector<std::string> path(nodes);
  for (int k = static_cast<int>(children.size()) - 1; k >= 0; --k) {
    const std::string& p = path[leaves + k];
    path[children[k].first] = p + '0';
    path[children[k].second] = p + '1';
  }
  if (nodes == 1) {
    path[0] = "0";
  }

  std::vector<std::pair<std::string, std::string>> result;
  result.reserve(v);
  for (WordId w = 0; w < v; ++w) {
    result.emplace_back(std::string(vocab[w].second), path[leaf_of_word[w]]);
  }
  return result;
}

}  // namespace dyad::learn
