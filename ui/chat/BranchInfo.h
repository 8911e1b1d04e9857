#pragma once

namespace md {

// Where a message stands among its siblings (regenerations and edits of one turn): shown in the
// entry header as ‹ index/count ›. index is 1-based; count <= 1 means there is nothing to switch.
struct BranchInfo {
    int index = 0;
    int count = 0;

    bool isShown() const { return count > 1; }
    bool hasPrevious() const { return isShown() && index > 1; }
    bool hasNext() const { return isShown() && index < count; }
    friend bool operator==(const BranchInfo &, const BranchInfo &) = default;
};

} // namespace md
