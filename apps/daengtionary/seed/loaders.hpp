// The demo set's loaders, one per kind; load_demo runs them in this order (later kinds refer to earlier rows).
#pragma once

#include "apps/daengtionary/seed/demo_set.hpp"

namespace daengtionary::seed {

// "places": places with images, reviews (which set the star), views and likes.
void load_places(demo_set& set);
// "community": posts with images, comments, views and likes.
void load_community(demo_set& set);
// "trades": market posts with images, views and likes.
void load_trades(demo_set& set);
// "friends": matchings with their group chat rooms and joins.
void load_friends(demo_set& set);
// "chats": personal rooms with a few TALK messages.
void load_chats(demo_set& set);

}  // namespace daengtionary::seed
