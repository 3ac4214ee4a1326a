// Test helper: an EventSink that keeps everything it is given.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "importers/importer.h"

namespace stalkguard::importers::testing {

struct Rejection {
  SourceRef where;
  std::string reason;
};

class CollectingSink : public EventSink {
 public:
  void Emit(Event&& event) override { events.push_back(std::move(event)); }
  void Reject(const SourceRef& where, const std::string& reason) override {
    rejections.push_back({where, reason});
  }
  std::vector<Event> events;
  std::vector<Rejection> rejections;
};

}  // namespace stalkguard::importers::testing
