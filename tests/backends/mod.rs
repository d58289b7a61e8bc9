//! Command-level tests that every back end must pass, and the toy back end that keeps
//! the seam honest. A test file names its back end once: `backend_suite!(make)` expands
//! to one `#[test]` per check, each with a fresh back end from `make`.

// Every test binary compiles this folder; only `backend_memory` runs the toy store.
#[allow(dead_code)]
pub mod memory;
pub mod suite;

/// One `#[test]` per check in `suite`, each on a back end made by `$make` (an expression
/// giving a fresh `impl UnderTest`). A new check is listed here once and runs against
/// every back end.
macro_rules! backend_suite {
    ($make:expr) => {
        $crate::backends::backend_suite!(@with each $make);
    };
    // Every check, one after the other inside the calling test: for a back end that is
    // costly to start, such as a cluster.
    (sequentially $make:expr) => {
        $crate::backends::backend_suite!(@with seq $make);
    };
    (@with $how:ident $make:expr) => {
        $crate::backends::backend_suite!(
            @$how $make;
            indexing_is_incremental,
            storage_shows_only_committed_changes,
            search_words_phrases_and_prefixes,
            search_boolean_operators,
            search_fields_and_keys,
            search_any_value_of_a_key,
            search_every_article,
            search_filters,
            search_dates,
            search_sort_and_paging,
            search_count_and_no_hits,
            top_counts,
            timeline_months,
            timeline_normalized,
            similar_ranks_the_near_twin_first,
            show_returns_the_stored_record,
            stats_overview,
        );
    };
    (@seq $make:expr; $($check:ident),* $(,)?) => {
        $({
            eprintln!("back-end suite: {}", stringify!($check));
            let mut backend = $make;
            $crate::backends::suite::$check(&mut backend);
        })*
    };
    (@each $make:expr; $($check:ident),* $(,)?) => {
        $(
            #[test]
            fn $check() {
                let mut backend = $make;
                $crate::backends::suite::$check(&mut backend);
            }
        )*
    };
}

pub(crate) use backend_suite;
