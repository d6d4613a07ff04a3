/*
 * The physical baseline for the benchmarks: the least work any tool must do to read an archive.
 * For each file: read the header length, then read every record and sum dOctets (v5, offset 36);
 * zlib files (flag 0x2) are inflated with zlib. No formatting, no output but the totals.
 * Build: cc -O2 -o bench/out/c-baseline bench/baseline.c -lz
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint64_t records, octets;

static void sum(const unsigned char *p, size_t n) {
  for (size_t i = 0; i + 64 <= n; i += 64) {
    uint32_t o;
    memcpy(&o, p + i + 36, 4);
    octets += o;
    records++;
  }
}

static int flags_of(const unsigned char *h, uint32_t len) {
  for (uint32_t p = 8; p + 4 <= len;) {
    uint16_t t, l;
    memcpy(&t, h + p, 2);
    memcpy(&l, h + p + 2, 2);
    if (t == 8 && l == 4) { uint32_t f; memcpy(&f, h + p + 4, 4); return (int)f; }
    p += 4 + l;
  }
  return 0;
}

int main(int argc, char **argv) {
  static unsigned char buf[1 << 20], out[1 << 20];
  for (int a = 1; a < argc; a++) {
    FILE *f = fopen(argv[a], "rb");
    if (!f) { perror(argv[a]); continue; }
    unsigned char h[16384];
    if (fread(h, 1, 8, f) != 8) { fclose(f); continue; }
    uint32_t len;
    memcpy(&len, h + 4, 4);
    if (len > sizeof h || fread(h + 8, 1, len - 8, f) != len - 8) { fclose(f); continue; }
    if (flags_of(h, len) & 2) {
      z_stream z;
      memset(&z, 0, sizeof z);
      inflateInit(&z);
      size_t carry = 0, n;
      int done = 0;
      while (!done && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        z.next_in = buf;
        z.avail_in = (uInt)n;
        while (z.avail_in > 0) {
          z.next_out = out + carry;
          z.avail_out = (uInt)(sizeof out - carry);
          int r = inflate(&z, Z_NO_FLUSH);
          size_t have = sizeof out - z.avail_out;
          size_t whole = have - have % 64;
          sum(out, whole);
          memmove(out, out + whole, have - whole);
          carry = have - whole;
          if (r == Z_STREAM_END) { done = 1; break; }
          if (r != Z_OK) { done = 1; break; }
        }
      }
      inflateEnd(&z);
    } else {
      size_t carry = 0, n;
      while ((n = fread(buf + carry, 1, sizeof buf - carry, f)) > 0) {
        size_t have = carry + n, whole = have - have % 64;
        sum(buf, whole);
        memmove(buf, buf + whole, have - whole);
        carry = have - whole;
      }
    }
    fclose(f);
  }
  printf("records %llu octets %llu\n", (unsigned long long)records, (unsigned long long)octets);
  return 0;
}
