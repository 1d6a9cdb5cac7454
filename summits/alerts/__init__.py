"""Email alerts: readers follow a participant, an issue, a summit or a search by email.

The models say who follows what and what each was sent; views.py holds the follow,
confirm, manage and unsubscribe pages; tasks.py the worker's side (fan-out, sending, digests,
purging); mail.py the messages; tokens.py the signed links.
"""
