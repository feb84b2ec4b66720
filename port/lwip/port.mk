# lwIP port sources and include directories (pick ONE flavour per lwIP
# build; both files compile to nothing when lwipopts.h does not fit them).
#   sockets flavour (NO_SYS=0): $(ASC_PORT_LWIP_SOCKETS_SRCS)
#   raw flavour     (NO_SYS=1): $(ASC_PORT_LWIP_RAW_SRCS)
# Add $(ASC_PORT_LWIP_INCLUDE_DIRS) plus lwIP's src/include, your arch/
# directory and the directory of your lwipopts.h to the include path.
ASC_ROOT ?=
ASC_PORT_LWIP_SOCKETS_SRCS := $(ASC_ROOT)port/lwip/asc_port_lwip_sockets.c
ASC_PORT_LWIP_RAW_SRCS     := $(ASC_ROOT)port/lwip/asc_port_lwip_raw.c
ASC_PORT_LWIP_INCLUDE_DIRS := $(ASC_ROOT)port/lwip
