"""The public JSON API at /api/v1/ (issue 15): Django REST framework views over the same
selectors and visibility rules as the pages. Its schema is at /api/schema/, its docs at
/api/docs/."""
