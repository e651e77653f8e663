<?xml version="1.0" encoding="UTF-8"?>
<!--
  board (デモ専門医機構) theme.  Imports the shared stylesheet and overrides:
    - home-intro: a navy hero band with the system name and, for visitors
      who are not signed in, what to prepare before registering (seed 000:
      the licence image is needed to register).
  Colours and the hero's look are in static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="../../xslt/shikaku.xsl"/>

  <xsl:template name="home-intro">
    <section class="hero">
      <div class="hero-text">
        <p class="hero-tagline">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'brand.tagline'"/></xsl:call-template>
        </p>
        <h1><xsl:value-of select="$site-name"/></h1>
        <p class="lead">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
        </p>
      </div>
      <xsl:if test="not(/page/user)">
        <div class="hero-note">
          <h2>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.prepare.title'"/></xsl:call-template>
          </h2>
          <p>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.prepare'"/></xsl:call-template>
          </p>
        </div>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
