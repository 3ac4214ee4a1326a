// Decides which identities belong to one person, and says why. Rules, in order:
//  1. the protected person's own identities (the profile's, and on platforms that show display
//     names only, an identity shown under one of the person's names) form the "self" contact;
//  2. the identities of one trusted contact in the profile are one contact;
//  3. identities shown under the same display name ("Jordan Blake" on SMS, WhatsApp and in
//     e-mail headers) are one contact.
// Every link carries a sentence a person can check. Pure function of its inputs.
#pragma once

#include <vector>

#include "core/profile.h"
#include "store/store.h"

namespace stalkguard::contacts {

// Contact ids are stable while a contact's lowest identity key stays the same.
std::vector<store::ContactRecord> LinkContacts(const std::vector<store::IdentityRecord>& identities,
                                               const Profile& profile);

// True for platforms whose exports identify people by display name only (WhatsApp, Instagram,
// Facebook), where a name equal to the person's own marks their own messages.
bool IsDisplayNamePlatform(const Identity& identity);

}  // namespace stalkguard::contacts
