// Child process of the crash test: applies one bundle to a cache and exits (killed mid-way by the test).
// usage: members_apply_helper CACHE DEPLOYMENT_KEY_FILE PUBLISHER_KEY_FILE BUNDLE
#include <cstdio>

#include "app/members/member_cache.h"

int main(int argc, char** argv) {
    using namespace kiosk::members;
    if (argc != 5) return std::fprintf(stderr, "usage: %s CACHE DEPLOYMENT_KEY PUBLISHER_KEY BUNDLE\n", argv[0]), 2;
    auto key = loadOrCreateDeploymentKey(argv[2]);
    auto publisher = loadPublisherKey(argv[3]);
    if (!key || !publisher) return std::fprintf(stderr, "keys cannot be read\n"), 2;
    auto cache = MemberCache::open(argv[1], std::move(*key), OpenOptions{OpenOptions::Integrity::None});
    if (!cache) return std::fprintf(stderr, "%s\n", cache.error().describe().c_str()), 1;
    auto r = cache->applyBundle(argv[4], *publisher);
    if (!r) return std::fprintf(stderr, "%s\n", r.error().describe().c_str()), 1;
    return 0;
}
