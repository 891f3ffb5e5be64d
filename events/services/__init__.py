"""Everything that writes proposals, events and answers. Views call these; nothing else saves."""
