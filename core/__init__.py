"""Pure-Python core: ingest, normalize, extract, corpus frames. No Streamlit here."""
