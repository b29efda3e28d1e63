"""The fake websites, one blueprint per site, and what they share."""
