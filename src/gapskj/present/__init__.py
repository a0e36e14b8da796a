"""What people read: terminal tables and the panel reports."""
