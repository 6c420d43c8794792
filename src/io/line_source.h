// LineSource: line-at-a-time input with line numbers and push-back. Private to dyad_io.
#pragma once

#include <algorithm>
#include <deque>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

namespace dyad::io_internal {

class LineSource {
 public:
  // Takes ownership of a file stream, or borrows std::cin when `owned` is null.
  LineSource(std::unique_ptr<std::istream> owned, std::istream* borrowed, std::string name)
      : owned_(std::move(owned)), in_(owned_ ? owned_.get() : borrowed), name_(std::move(name)) {}

  // Reads the next line without its '\n' (and '\r'); false at end of input.
  bool GetLine(std::string& line) {
    if (!pushed_.empty()) {
      line = std::move(pushed_.front());
      pushed_.pop_front();
      ++line_no_;
      return true;
    }
    if (!std::getline(*in_, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++line_no_;
    return true;
  }
  // Puts a line back; the next GetLine returns it again.
  void Unget(std::string line) {
    pushed_.push_front(std::move(line));
    --line_no_;
  }
  // Appends everything not yet read (pushed-back lines first, each with a '\n'), storing at
  // most `limit` bytes; returns the total number of bytes there were.
  size_t ReadRest(std::string& out, size_t limit) {
    size_t total = 0;
    auto add = [&](const char* p, size_t n) {
      total += n;
      if (out.size() < limit) out.append(p, std::min(n, limit - out.size()));
    };
    while (!pushed_.empty()) {
      pushed_.front() += '\n';
      add(pushed_.front().data(), pushed_.front().size());
      pushed_.pop_front();
    }
    char buf[1 << 16];
    while (in_->read(buf, sizeof buf) || in_->gcount() > 0) {
      add(buf, static_cast<size_t>(in_->gcount()));
    }
    return total;
  }
  size_t line_no() const { return line_no_; }
  const std::string& name() const { return name_; }
  std::string Where() const { return name_ + ":" + std::to_string(line_no_); }
  std::istream& stream() { return *in_; }

 private:
  std::unique_ptr<std::istream> owned_;
  std::istream* in_;
  std::string name_;
  std::deque<std::string> pushed_;
  size_t line_no_ = 0;
};

// Opens `path` ("-" = stdin) with a large read buffer.
std::unique_ptr<LineSource> OpenLineSource(const std::string& path);

}  // namespace dyad::io_internal
