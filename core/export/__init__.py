"""Reports and exports of comparisons and claims."""
