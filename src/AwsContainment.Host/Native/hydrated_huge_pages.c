/*
 * Linked into the published Native AOT runner (AwsContainment.Host.csproj, target HydratedDataInHugePages).
 *
 * At every start the runtime writes about 4 MB of its own data (type tables, the "dehydrated" data ILC compressed
 * into the binary) into the .hydrated section, before any managed code runs. Written a 4 KB page at a time, that
 * is about 1,000 page faults; on a virtual machine (Firecracker here, as under Lambda and Fargate) each costs 11 to
 * 15 us: 13 ms of a 55 ms cold action. In 2 MB pages it is two faults. Transparent huge pages are usually granted
 * only to memory that asks for them (/sys/kernel/mm/transparent_hugepage/enabled = madvise), and only to aligned
 * 2 MB pieces of it, so this file aligns the section and asks, before main() and so before the runtime starts.
 * Measured in docs/performance.md. Where huge pages are off, madvise fails and nothing changes.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* A byte in .hydrated aligned to 2 MB: the section takes its inputs' largest alignment, and the linker gives the
 * section a load segment of its own aligned to 2 MB, which the kernel honours. The linker places this object after
 * the runtime's, so the anchor sits at the end of the section, on the first 2 MB boundary past the runtime's data. */
__asm__(".section .hydrated,\"aw\",@nobits\n"
        ".balign 0x200000\n"
        ".globl hydrated_anchor\n"
        ".hidden hydrated_anchor\n"
        "hydrated_anchor: .zero 1\n"
        ".previous\n");
extern char hydrated_anchor;

/* Advises the 2 MB pages the runtime's data fills whole: from the section's start to the 2 MB page before the
 * anchor's. The part-filled last page stays in 4 KB pages, so peak memory does not grow. */
static int advise_hydrated_section(struct dl_phdr_info *executable, size_t size, void *unused) {
    (void)size;
    (void)unused;
    uintptr_t anchor = (uintptr_t)&hydrated_anchor;
    for (int i = 0; i < executable->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &executable->dlpi_phdr[i];
        uintptr_t first = executable->dlpi_addr + segment->p_vaddr;
        if (segment->p_type != PT_LOAD || anchor < first || anchor >= first + segment->p_memsz) continue;
        uintptr_t start = (first + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        uintptr_t end = (anchor & ~(HUGE_PAGE - 1)) - HUGE_PAGE;
        if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
    }
    return 1; /* the executable is the first object listed: stop after it */
}

__attribute__((constructor)) static void hydrated_data_in_huge_pages(void) {
    dl_iterate_phdr(advise_hydrated_section, 0);
}
