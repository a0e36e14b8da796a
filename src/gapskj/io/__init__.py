"""Everything that reads or writes files: tables, assessments, profiles, standards, outputs."""
