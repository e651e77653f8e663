<?xml version="1.0" encoding="UTF-8"?>
<!--
  medassoc (デモ医師会) theme.  Overrides:
    - brand: the name and tagline stacked beside a larger logo badge;
    - home-intro: the welcome and the three things members will do here
      (credits, completion application, certificates; seed 004), listed
      as coming later: they are not built yet, so they are plain text,
      never cards that look like links (issue 7 item 26).
  Colours (wine red, blue) are in static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="../../xslt/shikaku.xsl"/>

  <!-- Same accessible naming as the shared brand (alt = tenant name). -->
  <xsl:template name="brand">
    <a class="brand brand-badge" href="/">
      <span class="brand-logo-wrap">
        <img class="brand-logo" src="/static/logo.svg" width="56" height="56" alt="{$site-name}"/>
      </span>
      <span class="brand-text" aria-hidden="true">
        <span class="brand-tagline">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'brand.tagline'"/></xsl:call-template>
        </span>
        <span class="brand-name"><xsl:value-of select="$site-name"/></span>
      </span>
    </a>
  </xsl:template>

  <xsl:template name="home-intro">
    <section class="home-intro">
      <h1><xsl:value-of select="$site-name"/></h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
      </p>
      <h2 class="plans-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.plans.title'"/></xsl:call-template>
      </h2>
      <p>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.plans'"/></xsl:call-template>
      </p>
      <dl class="plans">
        <xsl:call-template name="plan"><xsl:with-param name="n" select="'f1'"/></xsl:call-template>
        <xsl:call-template name="plan"><xsl:with-param name="n" select="'f2'"/></xsl:call-template>
        <xsl:call-template name="plan"><xsl:with-param name="n" select="'f3'"/></xsl:call-template>
      </dl>
    </section>
  </xsl:template>

  <xsl:template name="plan">
    <xsl:param name="n"/>
    <dt>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('home.', $n, '.title')"/></xsl:call-template>
    </dt>
    <dd>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('home.', $n)"/></xsl:call-template>
    </dd>
  </xsl:template>

</xsl:stylesheet>
