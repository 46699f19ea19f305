// Small readings of a profile shared by the screens.

/** The person's name as the traits give it, else their email, else the profile id. */
export function displayName(profile) {
  const traits = profile.traits || {};
  const value = (key) => (traits[key] && typeof traits[key].value === 'string') ? traits[key].value.trim() : '';
  const full = value('name') || [value('firstName') || value('first_name'), value('lastName') || value('last_name')]
    .filter(Boolean).join(' ');
  if (full) {
    return full;
  }
  const email = (profile.identifiers || []).find((identifier) => identifier.type === 'email');
  return email ? email.value : profile.profileId;
}
