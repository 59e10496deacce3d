"""The DI/LLO intervention catalogue: records, validation, build, search and export."""
